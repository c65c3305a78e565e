"""``samkit site``: the program as static HTML.

* :mod:`samkit.site.svg_charts`: horizontal bar chart, one stacked bar, stacked bars per category.
* :mod:`samkit.site.orgchart`: the stakeholder map, ``layout(people)`` (geometry) then ``render_svg(layout)``.
* :mod:`samkit.site.pages`: the shared computations turned into what the pages show (charts with their
  numbers, the stakeholder map, the whitespace grid).
* :mod:`samkit.site.build`: the plans streamed through the program view, each page rendered through
  ``templates/site/`` and handed to the generated-files service (compared, staged, committed together).

The SVG builders read no files, clock or network, and the same input always gives the same bytes, so the
site's ``--check`` can compare pages byte for byte. Every SVG function returns a complete ``<svg>`` element as
a ``str`` whose interpolated text is already XML-escaped: templates insert it with Jinja's ``|safe``.
"""
