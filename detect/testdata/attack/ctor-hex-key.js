return (() => 1)['\x63onstructor']('return 42')();
