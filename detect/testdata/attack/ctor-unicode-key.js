return (() => 1)['\u0063onstructor']('return 42')();
