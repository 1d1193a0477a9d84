const head = context.head || 'constr';
return (() => 1)[head + 'uctor']('return 42')();
