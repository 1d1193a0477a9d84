//go:build !cgo

package faults

const cgoBuild = false
