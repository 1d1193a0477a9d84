return window.eval('40 + 2');
