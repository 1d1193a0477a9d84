return eval('40 + 2');
