package config

import (
	"strings"
	"testing"
)

func TestDefaultsValid(t *testing.T) {
	if err := DefaultLimits().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidateNamesTheField(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Limits)
		field  string
	}{
		{"timeout zero", func(l *Limits) { l.TimeoutMs = 0 }, "timeout"},
		{"timeout over", func(l *Limits) { l.TimeoutMs = 30001 }, "timeout"},
		{"memory under min", func(l *Limits) { l.MemoryLimitMiB = 8 }, "memoryLimit"},
		{"memory over max", func(l *Limits) { l.MemoryLimitMiB = 4096 }, "memoryLimit"},
		{"max below min", func(l *Limits) { l.MaxMemoryLimitMiB = 16 }, "maxMemoryLimit"},
		{"code cap", func(l *Limits) { l.MaxCodeBytes = 0 }, "maxCodeBytes"},
		{"risk", func(l *Limits) { l.RiskThreshold = 1.5 }, "riskThreshold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := DefaultLimits()
			tt.mutate(&l)
			err := l.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.field+" ") {
				t.Errorf("Validate() = %v, want an error naming %s", err, tt.field)
			}
		})
	}
}
