class A { static make() { return new this.constructor('return 42'); } }
return A.make()();
