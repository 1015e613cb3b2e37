"""Prints where the package goes under the prefix argv[1] (python/idner/meson.build): the
interpreter's own package folder when it lies under PREFIX/lib (Debian's python3 and
/usr/local: /usr/local/lib/python3.X/dist-packages), else PREFIX/lib/python3.X/site-packages."""
import sys
import sysconfig

prefix = sys.argv[1].rstrip("/")
default = sysconfig.get_path("platlib")
if default.startswith(prefix + "/lib/"):
    print(default)
else:
    base = dict(base=prefix, platbase=prefix, installed_base=prefix, installed_platbase=prefix)
    print(sysconfig.get_path("platlib", "posix_prefix", base))
