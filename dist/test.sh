#!/usr/bin/env bash
# dist/test.sh DIST VERSION: checks the packages that `make dist` built in
# DIST, with the tools a packager or a reviewer would use: dpkg-deb,
# desktop-file-validate, lintian, man, file, unzip, and an install and
# removal of the .deb with dpkg --root in a throw-away root. A shell
# script rather than a Go test: every check is one of these programs run
# on the built files, and it needs no compiling (make dist-test).
#
# Each check prints "ok NAME" or "FAIL NAME: why"; the last line is
# "dist-test: N passed, N failed".
set -uo pipefail
dist=$(realpath "$1") version=$2
cd "$(dirname "$0")/.."
repo=$PWD
shared=$repo/../shared/testdata/pdf
deb=$dist/cmocoder_${version}_amd64.deb
tarxz=$dist/cmocoder-$version-linux-amd64.tar.xz
zip=$dist/cmocoder-$version-windows-amd64.zip
setup=$dist/cmocoder-$version-windows-amd64-setup.exe
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

# check NAME FUNCTION: runs the function; its output is shown on failure.
check() {
	local name=$1 out
	if out=$("$2" 2>&1); then
		echo "ok   $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name:"
		sed 's/^/     /' <<<"$out"
		failed=$((failed + 1))
	fi
}

# fail ends the check it is called in (each runs in its own subshell).
fail() {
	echo "$*"
	exit 1
}

# The .deb unpacked once, for the checks on its files.
x=$tmp/deb
dpkg-deb -x "$deb" "$x" || fail "cannot unpack $deb"

deb_fields() {
	local f
	f=$(dpkg-deb -f "$deb") || return 1
	echo "$f"
	[ "$(dpkg-deb -f "$deb" Package)" = cmocoder ] || fail "Package is not cmocoder"
	[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version (FyneApp.toml)"
	[ "$(dpkg-deb -f "$deb" Architecture)" = amd64 ] || fail "Architecture is not amd64"
	local dep
	dep=$(dpkg-deb -f "$deb" Depends)
	for lib in libc6 libgl1 libx11-6 libxcursor1 libxrandr2 libxinerama1 libxi6 libxxf86vm1; do
		grep -Eq "(^|, )$lib( |,|$)" <<<"$dep" || fail "Depends lacks $lib: $dep"
	done
}

deb_files() {
	local want got
	want=$(
		echo ./usr/bin/cmocoder
		echo ./usr/share/applications/org.cmocoder.app.desktop
		echo ./usr/share/doc/cmocoder/changelog.gz
		echo ./usr/share/doc/cmocoder/copyright
		for s in 16 22 24 32 48 64 128 256; do echo "./usr/share/icons/hicolor/${s}x$s/apps/org.cmocoder.app.png"; done
		echo ./usr/share/lintian/overrides/cmocoder
		echo ./usr/share/man/man1/cmocoder.1.gz
		echo ./usr/share/mime/packages/cmocoder.xml
	)
	got=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}')
	diff <(sort <<<"$want") <(sort <<<"$got") || fail "the .deb's files differ from the list above (< wanted, > in the package)"
	dpkg-deb -c "$deb" | awk '$2 != "root/root" {print "not owned by root: " $6; bad=1} END {exit bad}'
}

deb_icons() {
	for s in 16 22 24 32 48 64 128 256; do
		file "$x/usr/share/icons/hicolor/${s}x$s/apps/org.cmocoder.app.png" | grep -q "PNG image data, $s x $s" ||
			fail "the ${s}x$s icon is not a $s×$s PNG"
	done
}

deb_desktop_entry() {
	local d=$x/usr/share/applications/org.cmocoder.app.desktop
	desktop-file-validate "$d" || fail "desktop-file-validate failed"
	[ -z "$(desktop-file-validate "$d")" ] || fail "desktop-file-validate has hints"
	grep -qx 'Exec="/usr/bin/cmocoder" %f' "$d" || fail "Exec does not launch /usr/bin/cmocoder: $(grep Exec "$d")"
	grep -qx 'MimeType=application/x-cmoproj;' "$d" || fail "no MimeType application/x-cmoproj"
	grep -q '<glob pattern="\*.cmoproj"/>' "$x/usr/share/mime/packages/cmocoder.xml" || fail "the MIME type has no glob"
	grep -q 'value="CMOC"' "$x/usr/share/mime/packages/cmocoder.xml" || fail "the MIME type has no magic"
}

deb_binary_version() {
	local out
	out=$("$x/usr/bin/cmocoder" version) || return 1
	echo "$out"
	grep -Eqx "cmocoder $version \(commit [0-9a-f]{7,}[^,]*, built [0-9]{4}-[0-9]{2}-[0-9]{2}\)" <<<"$out" ||
		fail "cmocoder version does not print version $version, a commit and a date"
	[ "$("$x/usr/bin/cmocoder" --version)" = "$out" ] || fail "--version differs from version"
}

deb_binary_extract() {
	local pdf=$shared/bmc-hsr-2014-agyeman-duah.pdf out
	[ -f "$pdf" ] || fail "no $pdf (../shared is beside the repository)"
	out=$("$x/usr/bin/cmocoder" extract "$pdf") || fail "cmocoder extract failed"
	grep -q "Kamuzu Central Hospital" <<<"$out" || fail "the extracted text lacks the article's words"
}

deb_man_page() {
	local out warn
	warn=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$x/usr/share/man/man1/cmocoder.1.gz" 2>&1 >/dev/null)
	[ -z "$warn" ] || fail "man warns: $warn"
	out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$x/usr/share/man/man1/cmocoder.1.gz" 2>/dev/null)
	for want in "NAME" "SYNOPSIS" "cmocoder export PROJECT" "EXIT STATUS" "cmocoder $version"; do
		grep -qF -- "$want" <<<"$out" || fail "the man page lacks \"$want\""
	done
}

deb_lintian() {
	local out
	out=$(lintian --fail-on error "$deb" 2>&1 | grep -v "running with root privileges")
	local rc=${PIPESTATUS[0]}
	echo "$out" | tee "$tmp/lintian.txt"
	[ "$rc" = 0 ] || fail "lintian reports errors"
}

# The .deb installed into an empty root with dpkg --root, its maintainer
# scripts run outside a chroot (the root has no shell of its own); then
# purged: the root must be as it was, MIME and desktop caches included.
deb_install_remove() {
	local root=$tmp/root
	mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/usr/share/mime/packages" "$root/usr/share/applications"
	touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
	# Another program's MIME type, as shared-mime-info's would be there.
	cat >"$root/usr/share/mime/packages/other.xml" <<-'XML'
	<?xml version="1.0" encoding="UTF-8"?>
	<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
	  <mime-type type="application/x-other"><comment>other</comment><glob pattern="*.other"/></mime-type>
	</mime-info>
	XML
	update-mime-database "$root/usr/share/mime" && update-desktop-database -q "$root/usr/share/applications" || return 1
	local before after
	snapshot() { (cd "$root" && find . -path ./var/lib/dpkg -prune -o -print | LC_ALL=C sort | while read -r f; do
		if [ -f "$f" ]; then echo "$f $(md5sum <"$f" | cut -d' ' -f1)"; else echo "$f"; fi
	done); }
	before=$(snapshot)
	dpkg --root="$root" --force-script-chrootless --force-depends --force-not-root -i "$deb" >/dev/null || fail "dpkg -i failed"
	[ -x "$root/usr/bin/cmocoder" ] || fail "no usr/bin/cmocoder after dpkg -i"
	[ -f "$root/usr/share/mime/application/x-cmoproj.xml" ] || fail "postinst did not add application/x-cmoproj to the MIME database"
	grep -q 'application/x-cmoproj=org.cmocoder.app.desktop' "$root/usr/share/applications/mimeinfo.cache" ||
		fail "postinst did not add the desktop entry to mimeinfo.cache"
	dpkg --root="$root" --force-script-chrootless --force-not-root --purge cmocoder >/dev/null || fail "dpkg --purge failed"
	after=$(snapshot)
	diff <(echo "$before") <(echo "$after") || fail "the root differs after removal (< before install, > after purge)"
}

tar_archive() {
	local t=$tmp/tar home=$tmp/home
	mkdir -p "$t" "$home"
	tar -C "$t" -xJf "$tarxz" || return 1
	for f in Makefile usr/local/bin/cmocoder usr/local/share/applications/org.cmocoder.app.desktop \
		usr/local/share/mime/packages/cmocoder.xml usr/local/share/icons/hicolor/256x256/apps/org.cmocoder.app.png \
		usr/local/share/man/man1/cmocoder.1.gz; do
		[ -e "$t/$f" ] || fail "the archive lacks $f"
	done
	grep -qx 'Exec="/usr/local/bin/cmocoder" %f' "$t/usr/local/share/applications/org.cmocoder.app.desktop" || fail "the archive's desktop entry does not launch /usr/local/bin/cmocoder"
	desktop-file-validate "$t/usr/local/share/applications/org.cmocoder.app.desktop" || return 1
	# make user-install: the program in ~/.local/bin and the association,
	# per user; user-uninstall takes both back.
	HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config make -s -C "$t" user-install || fail "make user-install failed"
	[ -x "$home/.local/bin/cmocoder" ] || fail "user-install did not install ~/.local/bin/cmocoder"
	[ -f "$home/.local/share/applications/org.cmocoder.app.desktop" ] || fail "user-install did not register .cmoproj files"
	HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config make -s -C "$t" user-uninstall || fail "make user-uninstall failed"
	[ ! -e "$home/.local/bin/cmocoder" ] && [ ! -e "$home/.local/share/applications/org.cmocoder.app.desktop" ] || fail "user-uninstall left files"
}

windows_zip() {
	local z=$tmp/zip
	unzip -q "$zip" -d "$z" || return 1
	[ "$(cd "$z" && ls | sort | tr '\n' ' ')" = "README.txt cmocoder.exe " ] || fail "the zip holds $(ls "$z"), not cmocoder.exe and README.txt"
	file "$z/cmocoder.exe" | grep -q "PE32+ executable.*x86-64" || fail "not a 64-bit PE executable: $(file "$z/cmocoder.exe")"
	grep -q "cmocoder $version for Windows" "$z/README.txt" || fail "the README does not name version $version"
}

windows_setup() {
	file "$setup" | grep -q "Nullsoft Installer" || fail "not an NSIS installer: $(file "$setup")"
}

sha256sums() {
	(cd "$dist" && sha256sum -c SHA256SUMS) || return 1
	[ "$(wc -l <"$dist/SHA256SUMS")" = 4 ] || fail "SHA256SUMS does not list the 4 packages"
}

check deb-fields deb_fields
check deb-files deb_files
check deb-icons deb_icons
check deb-desktop-entry deb_desktop_entry
check deb-binary-version deb_binary_version
check deb-binary-extract deb_binary_extract
check deb-man-page deb_man_page
check deb-lintian deb_lintian
check deb-install-remove deb_install_remove
check tar-archive tar_archive
check windows-zip windows_zip
check windows-setup windows_setup
check sha256sums sha256sums
[ -s "$tmp/lintian.txt" ] && sed 's/^/lintian says: /' "$tmp/lintian.txt"
echo "dist-test: $passed passed, $failed failed"
[ "$failed" = 0 ]
