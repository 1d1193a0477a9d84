return this.process.env;
