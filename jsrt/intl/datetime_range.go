package intl

// rangeParts formats a date range (filled in below).
func (d *dateTimeFormat) rangeParts(x, y float64) []dtPart {
	a := d.parts(x)
	for i := range a {
		a[i].Source = "startRange"
	}
	return a
}
