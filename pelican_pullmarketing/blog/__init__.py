"""What ``pullmarketing init`` and ``check`` need to know about a blog someone
already runs: which settings files its Makefile or tasks.py use
(``settings_files``), whether its pinned requirements can install with this
package (``pins``), and how it deploys today (``deploy``)."""
