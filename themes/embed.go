// Package themes embeds the default theme, since //go:embed cannot reach a
// parent folder from generator/theme.
package themes

import "embed"

// Default holds themes/default: templates/, assets/ and i18n/ under "default/".
//
//go:embed all:default
var Default embed.FS
