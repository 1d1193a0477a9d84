package goja

import "testing"

func TestRelationalLeftAssociative(t *testing.T) {
	const SCRIPT = `
	const s = [-5, 0, 42, 100, 150];
	const a = s.map((x) => 0 < x < 100).join();
	const b = s.map((x) => 200 > x > 10).join();
	const o = {};
	a === "true,true,true,true,true" && b === "false,false,false,false,false" &&
		(1 < 2 > 0) === true && (3 > 2 > 1) === false && (o instanceof Object === true) &&
		("a" in { a: 1 } in { true: 1 }) === true && (1 <= 2 >= 0) === true;
	`
	testScript(SCRIPT, valueTrue, t)
}
