return [].map.call(['return 42'], (() => 1).constructor)[0]();
