// expect: invalid
// context: @deep-context.json
// A context nested a hundred thousand deep is refused before any runner
// starts.
return context;
