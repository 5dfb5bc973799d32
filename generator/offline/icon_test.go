package offline

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

func TestIcons(t *testing.T) {
	files := byPath(appFiles(testConfig()))
	accent := parseHex(ThemeColor)
	white := color.NRGBA{255, 255, 255, 255}
	clear := color.NRGBA{}
	tests := []struct {
		path   string
		size   int
		corner color.NRGBA // the top-left pixel: cut off by the round corner, or full bleed
	}{
		{Icon192, 192, clear},
		{Icon512, 512, clear},
		{IconMaskable, 512, accent},
		{AppleTouchIcon, 180, accent},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			img, err := png.Decode(bytes.NewReader(files[tt.path]))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b != image.Rect(0, 0, tt.size, tt.size) {
				t.Fatalf("bounds %v, want %dx%d", b, tt.size, tt.size)
			}
			at := func(gx, gy float64) color.NRGBA { // grid units -> pixel
				x, y := int(gx*float64(tt.size)/gridSize), int(gy*float64(tt.size)/gridSize)
				return color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			}
			if got := at(0, 0); got != tt.corner {
				t.Errorf("corner = %v, want %v", got, tt.corner)
			}
			if got := at(16, 14); got != white {
				t.Errorf("inside the bubble = %v, want white", got)
			}
			if got := at(16, 28); got != accent {
				t.Errorf("below the bubble = %v, want the accent %v", got, accent)
			}
			if got := at(10, 24.5); got != accent && tt.corner == clear {
				t.Errorf("beside the tail = %v, want the accent", got)
			}
		})
	}
	if !bytes.Contains(files[IconSVG], []byte(ThemeColor)) {
		t.Errorf("icon.svg = %s", files[IconSVG])
	}
}

// TestMaskableSafeZone: a maskable icon may be cut to a circle of 80% of
// its width, so the white mark must stay inside it.
func TestMaskableSafeZone(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(drawIcon(iconSpec{size: 512, square: true, scale: 0.8})))
	if err != nil {
		t.Fatal(err)
	}
	const r = 0.4 * 512
	for y := 0; y < 512; y++ {
		for x := 0; x < 512; x++ {
			dx, dy := float64(x)+0.5-256, float64(y)+0.5-256
			if dx*dx+dy*dy <= r*r {
				continue
			}
			if c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA); c.R > parseHex(ThemeColor).R+8 {
				t.Fatalf("mark outside the safe zone at %d,%d: %v", x, y, c)
			}
		}
	}
}

func BenchmarkAppFiles(b *testing.B) {
	cfg := testConfig()
	for b.Loop() {
		appFiles(cfg)
	}
}
