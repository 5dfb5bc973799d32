package offline

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// The mark is the default theme's favicon: a white speech bubble on a blue
// rounded square, drawn on a 32-unit grid.
const (
	gridSize   = 32
	cornerSize = 7 // corner radius of the square, in grid units
)

// bubble is the speech bubble, clockwise, in grid units (favicon.svg's path).
var bubble = [][2]float64{{8, 9}, {24, 9}, {24, 20}, {14, 20}, {8, 25}}

// iconSpec says how to draw one PNG.
type iconSpec struct {
	size int
	// square fills the whole image (maskable and Apple icons: the platform
	// cuts its own shape and would show transparency as black).
	square bool
	// scale shrinks the mark about its centre, to keep it inside the round
	// safe zone of maskable icons.
	scale float64
}

// iconSVG is the same drawing as the PNGs, for browsers that take SVG icons.
func iconSVG() []byte {
	return []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
		`<rect width="32" height="32" rx="7" fill="` + ThemeColor + `"/>` +
		`<path d="M8 9h16v11H14l-6 5z" fill="#fff"/></svg>` + "\n")
}

// drawIcon renders the mark as a PNG. Edges are anti-aliased from signed
// distances, so no font or vector library is needed.
func drawIcon(spec iconSpec) []byte {
	n := spec.size
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	bg := parseHex(ThemeColor)
	unit := float64(gridSize) / float64(n) // grid units per pixel
	scale := spec.scale
	if scale == 0 {
		scale = 1
	}
	const cx, cy = 16, 17 // centre of the bubble
	// The bubble's box plus a pixel: outside it, no pixel touches the mark.
	x0, y0, x1, y1 := bounds(bubble)
	x0, x1 = cx+(x0-cx)*scale-unit, cx+(x1-cx)*scale+unit
	y0, y1 = cy+(y0-cy)*scale-unit, cy+(y1-cy)*scale+unit
	for y := range n {
		for x := range n {
			gx := (float64(x) + 0.5) * unit
			gy := (float64(y) + 0.5) * unit
			a := 1.0
			if !spec.square {
				a = coverage(roundedSquare(gx, gy), unit)
			}
			if a == 0 {
				continue
			}
			// The bubble in its own (possibly scaled) coordinates; the
			// distance scales back to grid units.
			w := 0.0
			if gx >= x0 && gx <= x1 && gy >= y0 && gy <= y1 {
				mx, my := cx+(gx-cx)/scale, cy+(gy-cy)/scale
				w = coverage(polygonDist(mx, my, bubble)*scale, unit)
			}
			c := color.NRGBA{
				R: mix(bg.R, 255, w),
				G: mix(bg.G, 255, w),
				B: mix(bg.B, 255, w),
				A: uint8(math.Round(a * 255)),
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, img); err != nil {
		panic("offline: encoding icon: " + err.Error()) // writing to memory cannot fail
	}
	return buf.Bytes()
}

// coverage turns a signed distance in grid units (negative inside) into the
// covered share of a pixel that is unit grid units wide.
func coverage(d, unit float64) float64 {
	return math.Max(0, math.Min(1, 0.5-d/unit))
}

func mix(a, b uint8, t float64) uint8 {
	return uint8(math.Round(float64(a)*(1-t) + float64(b)*t))
}

// roundedSquare is the signed distance to the 32x32 square with round corners.
func roundedSquare(x, y float64) float64 {
	const half, r = gridSize / 2.0, cornerSize
	qx := math.Abs(x-half) - (half - r)
	qy := math.Abs(y-half) - (half - r)
	outside := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
	inside := math.Min(math.Max(qx, qy), 0)
	return outside + inside - r
}

// polygonDist is the signed distance from (x, y) to a simple polygon.
func polygonDist(x, y float64, poly [][2]float64) float64 {
	best := math.Inf(1) // squared
	in := false
	for i := range poly {
		a, b := poly[i], poly[(i+1)%len(poly)]
		best = min(best, segmentDist2(x, y, a, b))
		if (a[1] > y) != (b[1] > y) && x < a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]) {
			in = !in
		}
	}
	d := math.Sqrt(best)
	if in {
		return -d
	}
	return d
}

// segmentDist2 is the squared distance from (x, y) to the segment ab.
func segmentDist2(x, y float64, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := ((x-a[0])*dx + (y-a[1])*dy) / (dx*dx + dy*dy)
	t = max(0, min(1, t))
	ex, ey := x-(a[0]+t*dx), y-(a[1]+t*dy)
	return ex*ex + ey*ey
}

func bounds(poly [][2]float64) (x0, y0, x1, y1 float64) {
	x0, y0, x1, y1 = poly[0][0], poly[0][1], poly[0][0], poly[0][1]
	for _, p := range poly[1:] {
		x0, y0, x1, y1 = min(x0, p[0]), min(y0, p[1]), max(x1, p[0]), max(y1, p[1])
	}
	return x0, y0, x1, y1
}

// parseHex reads "#rrggbb"; the colours are constants of this package.
func parseHex(s string) color.NRGBA {
	v := func(i int) uint8 {
		h := func(c byte) uint8 {
			switch {
			case c >= 'a':
				return c - 'a' + 10
			case c >= 'A':
				return c - 'A' + 10
			}
			return c - '0'
		}
		return h(s[i])<<4 | h(s[i+1])
	}
	return color.NRGBA{R: v(1), G: v(3), B: v(5), A: 255}
}
