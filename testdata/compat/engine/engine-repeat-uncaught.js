const line = "-".repeat(40);
console.log(line);
const banner = "=".repeat(2 ** 40); // RangeError: Invalid string length
return banner.length;
