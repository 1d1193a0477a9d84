package main

import (
	"fmt"
	"os"
	"time"
	"github.com/dop251/goja"
)

func main() {
	vm := goja.New()
	b, _ := os.ReadFile(os.Args[1])
	t := time.Now()
	prg, err := goja.Compile("b.js", "var Intl; "+string(b), false)
	if err != nil { fmt.Println(err); return }
	fmt.Println("compile", time.Since(t))
	t = time.Now()
	_, err = vm.RunProgram(prg)
	fmt.Println("run", time.Since(t), err)
	for _, src := range os.Args[2:] {
		t = time.Now()
		v, err := vm.RunString(src)
		fmt.Println(src, "=>", v, err, time.Since(t))
	}
}
