class Dog {} class Cat {}
const sounds = new Map([[Dog, 'woof'], [Cat, 'meow']]);
const speak = (animal) => sounds.get(animal.constructor) ?? '...';
return [new Dog(), new Cat(), {}].map(speak);
