return this.eval('40 + 2');
