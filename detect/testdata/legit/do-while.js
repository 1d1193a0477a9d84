let x = 1000, digits = 0;
do {
  digits++;
  x = Math.floor(x / 10);
} while (x > 0);
return digits;
