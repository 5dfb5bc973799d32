// Package offline adds what makes a built playbook work without a network
// and install to a phone's home screen: the service worker at {base}sw.js,
// offline.json (the build id and every URL the worker may serve, with its
// size and content hash), manifest.webmanifest and its icons.
//
// # Consistency
//
// The worker's code is the theme's assets/sw.js; Files copies it to the site
// root, whose URL must never change, behind a first line that sets the build
// id. The id hashes what the worker serves (pages, assets, search files,
// icons) and the worker's code, but not sitemap.xml, 404.html or alias pages,
// so a build that changes nothing a reader sees does not ask them to reload.
//
// The worker serves a listed URL only with the bytes its own offline.json
// names: responses are stored by URL and hash and checked with SHA-256 when
// fetched. So pages of two builds are never mixed, a new build downloads only
// the files that changed, and a reader sees a new build after one tap (the
// prompt, or the next link). One case shows a newer page: online, a page the
// reader never stored, after the server moved on; it is not stored, and the
// worker fetches its successor at once. See themes/default/assets/sw.js.
//
// # Layout contract
//
// In the <head> of every page (theme templates):
//
//	<link rel="manifest" href="{{url "/manifest.webmanifest"}}">
//	<meta name="theme-color" content="#0550ae">
//	<link rel="apple-touch-icon" href="{{url "/icons/apple-touch-icon.png"}}">
//	<script src="{{asset "offline.js"}}" defer{{if .Config.Offline.Enabled}} data-sw="{{url "/sw.js"}}"{{end}}></script>
//
// and in the footer an empty <div data-offline></div>, where offline.js puts
// the "save for offline" button, its progress and the "available offline"
// state (the element carries data-state="idle|saving|done"). The update
// prompt is appended to <body> as <div class="offline-update" role="status">
// <button type="button">…</button></div>; the theme's CSS should pin it to the
// bottom of the screen. The worker's offline page is <body class="kind-offline">
// <main class="offline-page"> with the theme's style.css.
//
// # Saving everything
//
// "Save for offline" stores every listed URL. It starts by itself only on
// Wi-Fi or Ethernet (navigator.connection, so Chromium on Android), without
// Save-Data, and for sites up to 50 MB; elsewhere the reader clicks. Once
// saved, the choice sticks: later builds install with everything stored, and
// an interrupted save resumes on the next page.
package offline
