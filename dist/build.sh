#!/usr/bin/env bash
# dist/build.sh BIN EXE VERSION OUT: builds the packages of cmocoder
# VERSION into OUT from the Linux binary BIN and the Windows EXE, both
# already built (make dist). Files made from the program's own sources
# (desktop entry, MIME type, icons, man page, Windows registry entries)
# come from dist/gen.
set -euo pipefail
bin=$(realpath "$1") exe=$(realpath "$2") version=$3 out=$(realpath -m "$4")
cd "$(dirname "$0")/.."
work=$out/work
rm -rf "$work" "$out"/cmocoder[-_]* "$out/SHA256SUMS"
mkdir -p "$work"
go build -o "$work/gen" ./dist/gen
gen=$work/gen
# The date of the commit, so packages built twice from one commit agree.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
day=$(date -u -d "@$epoch" +%Y-%m-%d)

# ---- Debian package ----
# Staged as debhelper would, in debian/cmocoder, where dpkg-shlibdeps
# expects it.
deb=$work/debian/cmocoder
install -D -m 755 "$bin" "$deb/usr/bin/cmocoder"
strip --strip-unneeded "$deb/usr/bin/cmocoder"
"$gen" data "$deb/usr/share" /usr/bin/cmocoder
mkdir -p "$deb/usr/share/man/man1" "$deb/usr/share/doc/cmocoder"
"$bin" help | "$gen" man "$version" "$day" | gzip -9n > "$deb/usr/share/man/man1/cmocoder.1.gz"
install -m 644 dist/debian/copyright "$deb/usr/share/doc/cmocoder/copyright"
install -D -m 644 dist/debian/lintian-overrides "$deb/usr/share/lintian/overrides/cmocoder"
{
	echo "cmocoder ($version) unstable; urgency=medium"
	echo
	echo "  * Release $version; see CHANGELOG.md at https://cmocoder.org."
	echo
	echo " -- cmocoder maintainers <maintainers@cmocoder.org>  $(LC_ALL=C date -u -R -d "@$epoch")"
} | gzip -9n > "$deb/usr/share/doc/cmocoder/changelog.gz"

# Depends: the libraries the binary links (dpkg-shlibdeps), and those GLFW
# opens at run time with dlopen, which no tool can see.
printf 'Source: cmocoder\n\nPackage: cmocoder\nArchitecture: amd64\n' > "$work/debian/control"
linked=$(cd "$work" && dpkg-shlibdeps -O -e debian/cmocoder/usr/bin/cmocoder 2> >(grep -v 'should already be installed' >&2) | sed -n 's/^shlibs:Depends=//p')
dlopened="libx11-xcb1, libxcursor1, libxi6, libxinerama1, libxrandr2, libxrender1, libxxf86vm1"
mkdir -p "$deb/DEBIAN"
sed -e "s/@VERSION@/$version/" \
	-e "s/@SIZE@/$(du -sk --exclude=DEBIAN "$deb" | cut -f1)/" \
	-e "s/@DEPENDS@/$linked, $dlopened/" dist/debian/control.in > "$deb/DEBIAN/control"
install -m 755 dist/debian/postinst dist/debian/postrm "$deb/DEBIAN/"
(cd "$deb" && find usr -type f | LC_ALL=C sort | xargs md5sum > DEBIAN/md5sums)
find "$deb" -type d -exec chmod 755 {} +
find "$deb" -exec touch -h -d "@$epoch" {} +
dpkg-deb --root-owner-group -Zxz --build "$deb" "$out/cmocoder_${version}_amd64.deb" >/dev/null

# ---- portable Linux archive, in the layout of `fyne package` ----
tarroot=$work/tar
install -D -m 755 "$deb/usr/bin/cmocoder" "$tarroot/usr/local/bin/cmocoder"
"$gen" data "$tarroot/usr/local/share" /usr/local/bin/cmocoder
install -D -m 644 "$deb/usr/share/man/man1/cmocoder.1.gz" "$tarroot/usr/local/share/man/man1/cmocoder.1.gz"
install -m 644 dist/linux/Makefile "$tarroot/Makefile"
find "$tarroot" -exec touch -h -d "@$epoch" {} +
tar -C "$tarroot" --sort=name --owner=0 --group=0 --numeric-owner -cf - Makefile usr |
	xz -T2 -6 > "$out/cmocoder-$version-linux-amd64.tar.xz"

# ---- Windows: the exe in a zip, and the NSIS installer ----
win=$work/windows
mkdir -p "$win"
x86_64-w64-mingw32-strip -o "$win/cmocoder.exe" "$exe"
sed "s/@VERSION@/$version/g" dist/windows/README.txt | sed 's/$/\r/' > "$win/README.txt"
"$gen" ico "$win/cmocoder.ico"
"$gen" nsis "$win/association.nsh"
(cd "$win" && touch -d "@$epoch" cmocoder.exe README.txt &&
	zip -q -X -9 "$out/cmocoder-$version-windows-amd64.zip" cmocoder.exe README.txt)
makensis -V2 -DVERSION="$version" -DSRC="$win" -DOUT="$out/cmocoder-$version-windows-amd64-setup.exe" dist/windows/cmocoder.nsi

(cd "$out" && sha256sum cmocoder_*.deb cmocoder-*.tar.xz cmocoder-*.zip cmocoder-*-setup.exe > SHA256SUMS)
ls -l "$out"
