package config

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		wantErr []string // substrings, in order, of the sorted error list
		check   func(t *testing.T, c *Config)
	}{
		{
			name: "defaults",
			src:  ``,
			check: func(t *testing.T, c *Config) {
				if c.Language != "de" || c.Output != "public" || c.Theme != "default" || !c.Search.Enabled || !c.Offline.Enabled {
					t.Errorf("defaults wrong: %+v", c)
				}
				if len(c.Stages) != 7 || c.Stages[0].ID != "prospecting" {
					t.Errorf("default stages wrong: %+v", c.Stages)
				}
				if c.BasePath() != "/" || c.WPM() != 130 {
					t.Errorf("BasePath %q WPM %d", c.BasePath(), c.WPM())
				}
			},
		},
		{
			name: "full",
			src: "\xef\xbb\xbftitle = \"Vertriebs-Playbook\"\r\nlanguage = \"en\"\nbase_url = \"https://x.example/pb\"\n" +
				"[placeholders]\nVorname = \"Vorname\"\nMein_Name = \"Ihr Name\"\n[reading]\nwords_per_minute = 120\n" +
				"[offline]\nenabled = false\n[markdown]\nunsafe_html = true\n[params]\nlogo = \"x.svg\"\n[params.deep]\na = 1\n",
			check: func(t *testing.T, c *Config) {
				if c.Title != "Vertriebs-Playbook" || c.Language != "en" || c.BaseURL != "https://x.example/pb/" {
					t.Errorf("got %+v", c)
				}
				if c.BasePath() != "/pb/" || c.WPM() != 120 || c.Offline.Enabled || !c.Markdown.UnsafeHTML {
					t.Errorf("BasePath %q WPM %d offline %v", c.BasePath(), c.WPM(), c.Offline.Enabled)
				}
				if c.Placeholders["Mein_Name"] != "Ihr Name" || c.Params["logo"] != "x.svg" {
					t.Errorf("placeholders/params: %v %v", c.Placeholders, c.Params)
				}
			},
		},
		{
			name: "stages as table keep file order",
			src:  "[stages]\nerstkontakt = \"Erstkontakt\"\nangebot = \"Angebot\"\nabschluss = \"Abschluss\"\n",
			check: func(t *testing.T, c *Config) {
				var ids []string
				for _, s := range c.Stages {
					ids = append(ids, s.ID+"="+s.Label("de"))
				}
				if got := strings.Join(ids, ","); got != "erstkontakt=Erstkontakt,angebot=Angebot,abschluss=Abschluss" {
					t.Errorf("stages %s", got)
				}
			},
		},
		{
			name: "stages as list",
			src:  `stages = ["a", "b"]`,
			check: func(t *testing.T, c *Config) {
				if len(c.Stages) != 2 || !c.HasStage("b") || c.HasStage("demo") {
					t.Errorf("stages %+v", c.Stages)
				}
			},
		},
		{
			name:    "unknown keys name key and line",
			src:     "title = \"x\"\ntitel = \"y\"\n\n[search]\nenabled = true\nenable = false\n",
			wantErr: []string{`playbook.toml:2: error: unknown key "titel"`, `playbook.toml:6: error: unknown key "search.enable"`},
		},
		{
			name:    "unknown table",
			src:     "[seach]\nenabled = true\n",
			wantErr: []string{`playbook.toml:1: error: unknown key "seach"`},
		},
		{
			name:    "bad language",
			src:     "language = \"fr\"\n",
			wantErr: []string{`playbook.toml:1: error: language must be "de" or "en"`},
		},
		{
			name:    "bad base_url",
			src:     "title = \"x\"\nbase_url = \"playbook.example.com\"\n",
			wantErr: []string{`playbook.toml:2: error: base_url must be an absolute http(s) URL`},
		},
		{
			name:    "syntax error has line",
			src:     "title = \"x\"\nlanguage = \n",
			wantErr: []string{`playbook.toml:2: error: invalid TOML`},
		},
		{
			name:    "wrong type",
			src:     "title = 3\n",
			wantErr: []string{`playbook.toml:1: error: invalid TOML`},
		},
		{
			name:    "theme escaping themes folder",
			src:     "theme = \"../x\"\n",
			wantErr: []string{`playbook.toml:1: error: theme must be a plain folder name`},
		},
		{
			name:    "bad placeholder name",
			src:     "[placeholders]\n\"a b\" = \"x\"\n",
			wantErr: []string{`placeholder name "a b"`},
		},
		{
			name:    "empty stages",
			src:     "stages = []\n",
			wantErr: []string{`playbook.toml:1: error: stages must not be empty`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("playbook.toml", []byte(tt.src))
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatalf("want errors %q, got none", tt.wantErr)
				}
				msg := err.Error()
				at := 0
				for _, w := range tt.wantErr {
					i := strings.Index(msg[at:], w)
					if i < 0 {
						t.Fatalf("error list\n%s\nlacks (in order) %q", msg, w)
					}
					at += i + len(w)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			tt.check(t, c)
		})
	}
}

func TestKeyLine(t *testing.T) {
	src := []byte("a = 1\n[x]\nb = 2\n[x.y]\n\"c\" = 3\n")
	for _, tt := range []struct {
		key  []string
		want int
	}{{[]string{"a"}, 1}, {[]string{"x"}, 2}, {[]string{"x", "b"}, 3}, {[]string{"x", "y", "c"}, 5}, {[]string{"z"}, 0}} {
		if got := KeyLine(src, tt.key); got != tt.want {
			t.Errorf("KeyLine(%v) = %d, want %d", tt.key, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "title = \"x\"\n", "[placeholders]\nA = \"b\"\n", "[stages]\na = \"b\"\n", "stages = [\"a\"]", "base_url = \"http://x/y\"", "[[x]]\n", "a.b.c = 1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("playbook.toml", data)
		if err == nil && c == nil {
			t.Fatal("nil config without error")
		}
		if err != nil && c != nil {
			t.Fatal("config returned with error")
		}
		if c != nil && (c.Language != "de" && c.Language != "en") {
			t.Fatalf("language %q accepted", c.Language)
		}
	})
}
