package jsrt

import (
	"testing"

	"codexec/result"
)

// setTimeout and setInterval return Node's Timeout objects: clearTimeout
// takes them, +t is the id, and an unref'd interval does not keep the job
// alive (it would run until the deadline otherwise).
func TestTimeoutObjects(t *testing.T) {
	res, _ := runCode(t, `
const a = setTimeout(() => { throw new Error('cleared, never runs'); }, 5);
clearTimeout(a);
const b = setTimeout(() => {}, 1);
const shape = [typeof b, typeof +b, b.hasRef(), b.unref() === b, b.hasRef(), b.ref().hasRef(), Object.keys(b).length];
clearTimeout(+b);
const keep = setInterval(() => {}, 1000);
keep.unref();
let n = 0;
const i = setInterval(() => { if (++n === 3) i.close(); }, 1);
await new Promise((r) => setTimeout(r, 30));
let refreshed = 0;
const r = setTimeout(() => { refreshed++; }, 10);
r.refresh();
await new Promise((res) => setTimeout(res, 40));
return { shape, n, refreshed };
`)
	if res.Status != result.OK {
		t.Fatalf("status %s: %+v", res.Status, res.Error)
	}
	if want := `{"shape":["object","number",true,true,false,true,0],"n":3,"refreshed":1}`; string(res.Output) != want {
		t.Errorf("output %s, want %s", res.Output, want)
	}
}
