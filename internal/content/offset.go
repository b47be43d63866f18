package content

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Offset is a time after the treatment, as written in content: "48h"
// (hours), "7d" (days) or "2w" (weeks). Day 0 is the treatment day; hour 0
// is the time of treatment. The unit is kept so text can say "48 hours"
// rather than "2 days" when that is what the writer meant.
type Offset struct {
	Hours int  // total hours after treatment
	Unit  byte // 'h', 'd' or 'w', as written
}

// ParseOffset parses "48h", "7d", "2w" or "0". Negative values are refused.
func ParseOffset(s string) (Offset, error) {
	s = strings.TrimSpace(s)
	if s == "0" {
		return Offset{Unit: 'h'}, nil
	}
	if len(s) < 2 {
		return Offset{}, fmt.Errorf("duration %q: write a whole number and a unit, like 48h, 7d or 2w", s)
	}
	unit := s[len(s)-1]
	mult := map[byte]int{'h': 1, 'd': 24, 'w': 24 * 7}[unit]
	if mult == 0 {
		return Offset{}, fmt.Errorf("duration %q: unit must be h (hours), d (days) or w (weeks), like 48h, 7d or 2w", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil {
		return Offset{}, fmt.Errorf("duration %q: write a whole number and a unit, like 48h, 7d or 2w", s)
	}
	if n < 0 {
		return Offset{}, fmt.Errorf("duration %q is negative; times count forward from the treatment", s)
	}
	if n > 366*24/mult {
		return Offset{}, fmt.Errorf("duration %q is longer than a year; check the number", s)
	}
	return Offset{Hours: n * mult, Unit: unit}, nil
}

// UnmarshalYAML decodes an offset from a YAML scalar.
func (o *Offset) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &posError{n.Line, "a duration must be a single value like 48h, 7d or 2w"}
	}
	v, err := ParseOffset(n.Value)
	if err != nil {
		return &posError{n.Line, err.Error()}
	}
	*o = v
	return nil
}

// Amount returns the offset as a number in its written unit, e.g. 48 for "48h".
func (o Offset) Amount() int {
	switch o.Unit {
	case 'd':
		return o.Hours / 24
	case 'w':
		return o.Hours / (24 * 7)
	}
	return o.Hours
}

// String returns the offset as written, e.g. "48h".
func (o Offset) String() string {
	u := o.Unit
	if u == 0 {
		u = 'h'
	}
	return fmt.Sprintf("%d%c", o.Amount(), u)
}
