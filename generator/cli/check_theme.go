package cli

import (
	"os"

	"playbook/generator/config"
	"playbook/generator/diag"
	"playbook/generator/theme"
)

// checkTheme loads the configured theme the way a build does, so that check
// reports a missing theme or a template that does not parse. build.Build
// stops before the theme under NoRender; once it loads the theme there,
// this can go.
func checkTheme(dir string, cfg *config.Config) diag.List {
	if cfg == nil {
		return nil
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil // the build already said why the folder cannot be read
	}
	defer root.Close()
	if _, err := theme.Load(root.FS(), cfg.Theme); err != nil {
		data, _ := root.ReadFile(config.FileName)
		return diag.List{diag.Errorf(diag.Pos{File: config.FileName, Line: config.KeyLine(data, []string{"theme"})}, "%v", err)}
	}
	return nil
}
