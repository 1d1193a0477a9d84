return (() => 1).constructor.bind(null, 'return 42')()();
