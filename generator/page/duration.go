package page

import (
	"strconv"
	"strings"
	"time"
)

// durationUnits are the unit words a pitch duration may use, English and
// German, matched without regard to case.
var durationUnits = map[string]time.Duration{
	"s": time.Second, "sec": time.Second, "secs": time.Second, "second": time.Second, "seconds": time.Second,
	"sek": time.Second, "sekunde": time.Second, "sekunden": time.Second,
	"m": time.Minute, "min": time.Minute, "mins": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"minuten": time.Minute,
	"h":       time.Hour, "hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"std": time.Hour, "stunde": time.Hour, "stunden": time.Hour,
}

// maxDuration bounds a speaking time; anything longer is a typo.
const maxDuration = 24 * time.Hour

// ParseDuration reads a speaking time as authors write it: "30s", "45 s",
// "2min", "2 min", "1min30s", "1.5 min" or "1,5 min", "1:30" (minutes and
// seconds), "1:02:30" (hours too), or a bare number of seconds ("90").
// It fails for zero, negative or absurdly long times.
func ParseDuration(s string) (time.Duration, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return 0, false
	}
	var d time.Duration
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		if len(parts) > 3 {
			return 0, false
		}
		for i, p := range parts {
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 || len(p) > 6 || (i > 0 && (n > 59 || len(p) != 2)) {
				return 0, false
			}
			d = d*60 + time.Duration(n)*time.Second
		}
		return d, d > 0 && d <= maxDuration
	}
	i, tokens := 0, 0
	for i < len(s) {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i == len(s) {
			break
		}
		// A number, with at most one decimal point or comma.
		start := i
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == ',') {
			i++
		}
		num := strings.Replace(s[start:i], ",", ".", 1)
		if num == "" || len(num) > 12 {
			return 0, false
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return 0, false
		}
		for i < len(s) && s[i] == ' ' {
			i++
		}
		ustart := i
		for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
			i++
		}
		unit := time.Second
		if i > ustart {
			u, ok := durationUnits[s[ustart:i]]
			if !ok {
				return 0, false
			}
			unit = u
		} else if tokens > 0 || i < len(s) {
			// A bare number must stand alone: "90" is seconds, "1 30" is unclear.
			return 0, false
		}
		tokens++
		if f > float64(maxDuration/unit) {
			return 0, false
		}
		d += time.Duration(f * float64(unit))
	}
	return d, tokens > 0 && d > 0 && d <= maxDuration
}
