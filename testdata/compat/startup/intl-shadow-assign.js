// A program that assigns its own Intl before reading the built-in one.
Intl = { NumberFormat: function () { return { format: (n) => "n=" + n }; } };
return [new Intl.NumberFormat().format(5), (1234.5).toLocaleString("en-US")];
