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

func TestJSONParseOutOfRangeAndAnyMessage(t *testing.T) {
	const SCRIPT = `
	JSON.parse("1e999") === Infinity && JSON.parse("-1e999") === -Infinity && JSON.parse("1e-999") === 0 &&
		JSON.parse('{"a": 12345678901234567890}').a === 12345678901234567000 && JSON.parse("0.1") === 0.1;
	`
	testScript(SCRIPT, valueTrue, t)
}

func TestRegExpSourceSlash(t *testing.T) {
	const SCRIPT = `
	/[^/]+/g.source === "[^/]+" && String(/a\/b[/]/) === "/a\\/b[/]/" && new RegExp("a/b").source === "a\\/b" &&
		new RegExp("[/]").source === "[/]" && new RegExp("\n").source === "\\n" && new RegExp("").source === "(?:)";
	`
	testScript(SCRIPT, valueTrue, t)
}

func TestDateISOStringExpandedYears(t *testing.T) {
	const SCRIPT = `
	new Date(Date.UTC(-1, 0, 1)).toISOString() === "-000001-01-01T00:00:00.000Z" &&
		new Date(253402300800000).toISOString() === "+010000-01-01T00:00:00.000Z" &&
		new Date(Date.UTC(0, 0, 1) - 0).getUTCFullYear() === 1900 &&
		new Date("0000-01-01T00:00:00Z").toISOString() === "0000-01-01T00:00:00.000Z" &&
		JSON.stringify(new Date("-000050-01-01T00:00:00Z")) === '"-000050-01-01T00:00:00.000Z"';
	`
	testScript(SCRIPT, valueTrue, t)
}

func TestDateParseDigitRuns(t *testing.T) {
	const SCRIPT = `
	isNaN(new Date("1709806830000")) && isNaN(new Date("1709806830")) && isNaN(Date.parse("20240307")) &&
		new Date("2024").getUTCFullYear() === 2024 && new Date("123456").getUTCFullYear() === 123456 &&
		new Date("2024-03-07").toISOString() === "2024-03-07T00:00:00.000Z";
	`
	testScript(SCRIPT, valueTrue, t)
}
