package intl

import (
	"strings"
	"time"
)

// Time zone display names, as ICU's TimeZoneFormat gives them: specific
// names (z, zzzz) from the zone or its metazone at the date, else the
// localized GMT format; localized GMT (O, OOOO); generic names (v, vvvv)
// from the metazone, else the location format ("Germany Time").

// zoneKey is the CLDR id names are looked up by.
func (z *timeZone) zoneKey() string {
	if z == utcZone || z.ID == "UTC" {
		return "Etc/UTC"
	}
	return z.ID
}

// metazoneAt returns the metazone of a zone at ms, or "": a mapping
// without dates covers 1970 to 9999, as in ICU.
func metazoneAt(id string, ms float64) string {
	periods := tzSupplementalData().Metazones[id]
	if len(periods) == 0 {
		return ""
	}
	bound := func(s string, def float64) float64 {
		if s == "" {
			return def
		}
		t, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			return def
		}
		return float64(t.UnixMilli())
	}
	for _, p := range periods {
		if ms < bound(p[1], 0) || ms >= bound(p[2], 253402300740000) {
			continue
		}
		return p[0]
	}
	return ""
}

func (f *fieldFormatter) zoneName(c byte, n int, ms float64, fd *dateFields) string {
	names := zoneNames(f.data)
	long := n >= 4
	switch c {
	case 'O':
		return f.gmt(names, fd.Offset, long)
	case 'z':
		if s := f.specificName(names, ms, fd.DST, long); s != "" {
			return s
		}
		return f.gmt(names, fd.Offset, long)
	case 'v':
		if s := f.genericName(names, ms, fd, long); s != "" {
			return s
		}
		return f.gmt(names, fd.Offset, long)
	}
	return f.gmt(names, fd.Offset, true)
}

func (f *fieldFormatter) specificName(names *tzNames, ms float64, dst bool, long bool) string {
	z := f.zone
	if z.Fixed {
		return ""
	}
	kind := "short/"
	if long {
		kind = "long/"
	}
	if dst {
		kind += "daylight"
	} else {
		kind += "standard"
	}
	key := z.zoneKey()
	if s := names.Zones[key][kind]; s != "" {
		return s
	}
	if mz := metazoneAt(key, ms); mz != "" {
		return names.Metazones[mz][kind]
	}
	return ""
}

// kDstCheckRange is ICU's: a zone without daylight saving time within
// this distance of the date is named by its standard name generically.
const dstCheckRange = 184 * 24 * time.Hour

func (f *fieldFormatter) genericName(names *tzNames, ms float64, fd *dateFields, long bool) string {
	z := f.zone
	if z.Fixed {
		return ""
	}
	kind := "short/"
	if long {
		kind = "long/"
	}
	key := z.zoneKey()
	if s := names.Zones[key][kind+"generic"]; s != "" {
		return s
	}
	mz := metazoneAt(key, ms)
	if mz != "" {
		name := ""
		if !fd.DST && !z.dstNear(ms) {
			std := names.Zones[key][kind+"standard"]
			if std == "" {
				std = names.Metazones[mz][kind+"standard"]
			}
			if std != "" && !strings.EqualFold(std, names.Metazones[mz][kind+"generic"]) {
				name = std
			}
		}
		if name == "" {
			if g := names.Metazones[mz][kind+"generic"]; g != "" {
				name = g
				if golden := goldenZone(mz, ""); golden != "" && golden != key {
					if gz, ok := resolveTimeZone(golden); ok {
						goff, gdst := gz.offset(ms)
						if goff != fd.Offset || gdst != fd.DST {
							if loc := f.locationName(names, key, false); loc != "" {
								name = formatGlue(names.Fallback, loc, g)
							}
						}
					}
				}
			}
		}
		if name != "" {
			return name
		}
	}
	return f.locationName(names, key, true)
}

// goldenZone is a metazone's reference zone for a region (001 when the
// region has none).
func goldenZone(mz, region string) string {
	g := tzSupplementalData().GoldenZones[mz]
	if region != "" && g[region] != "" {
		return g[region]
	}
	return g["001"]
}

// dstNear reports whether the zone observes daylight saving time within
// ICU's check range of ms.
func (z *timeZone) dstNear(ms float64) bool {
	if z.Fixed || z.Loc == nil {
		return false
	}
	t := unixMilli(ms).In(z.Loc)
	for _, d := range []time.Duration{-dstCheckRange, dstCheckRange} {
		o := t.Add(d)
		_, off := o.Zone()
		if isDST(o, off) {
			return true
		}
	}
	return false
}

// locationName is the generic location format: "{country} Time" when the
// zone is its country's only or primary zone, else "{city} Time";
// withFormat false gives the bare country or city.
func (f *fieldFormatter) locationName(names *tzNames, key string, withFormat bool) string {
	s := tzSupplementalData()
	region := s.ZoneRegion[key]
	if region == "" || region == "ZZ" {
		return ""
	}
	place := ""
	primary := s.PrimaryZones[region] == key
	if !primary {
		count := 0
		for _, r := range s.ZoneRegion {
			if r == region {
				count++
			}
		}
		primary = count == 1
	}
	if primary {
		place = names.Territories[region]
	}
	if place == "" {
		place = names.Zones[key]["exemplarCity"]
		if place == "" {
			i := strings.LastIndexByte(key, '/')
			place = strings.ReplaceAll(key[i+1:], "_", " ")
		}
	}
	if !withFormat {
		return place
	}
	return formatGlue(names.RegionFormat, place, "")
}

// gmt is the localized GMT format: long "GMT-05:00", short "GMT-5".
func (f *fieldFormatter) gmt(names *tzNames, offset int, long bool) string {
	hf := names.HourFormat
	parts := strings.SplitN(hf, ";", 2)
	p := parts[0]
	if offset < 0 && len(parts) == 2 {
		p = parts[1]
		offset = -offset
	} else if offset < 0 {
		offset = -offset
	}
	h, m, sec := offset/3600, offset/60%60, offset%60
	if !long {
		// ICU's short form: the hour without padding, minutes only when
		// not zero.
		p = strings.Replace(p, "HH", "H", 1)
		if m == 0 && sec == 0 {
			if i := strings.Index(p, "H"); i >= 0 {
				end := strings.Index(p, "mm")
				if end > i {
					p = p[:i+1] + p[end+2:]
				}
			}
		}
	}
	if sec != 0 {
		p = strings.Replace(p, "mm", "mm:ss", 1)
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch {
		case strings.HasPrefix(p[i:], "HH"):
			b.WriteString(f.num(h, 2))
			i++
		case p[i] == 'H':
			b.WriteString(f.num(h, 1))
		case strings.HasPrefix(p[i:], "mm"):
			b.WriteString(f.num(m, 2))
			i++
		case strings.HasPrefix(p[i:], "ss"):
			b.WriteString(f.num(sec, 2))
			i++
		default:
			b.WriteByte(p[i])
		}
	}
	return formatGlue(names.GMTFormat, b.String(), "")
}
