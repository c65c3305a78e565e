"""Building blocks for ``samkit site``: pure functions that turn numbers and stakeholders into inline SVG.

* :mod:`samkit.site.svg_charts`: horizontal bar chart, one stacked bar, stacked bars per category.
* :mod:`samkit.site.orgchart`: the stakeholder map, ``layout(people)`` (geometry) then ``render_svg(layout)``.

Nothing here reads files, the clock or the network, and the same input always gives the same bytes, so the
site's ``--check`` can compare pages byte for byte. Every function returns a complete ``<svg>`` element as a
``str`` whose interpolated text is already XML-escaped: templates insert it with Jinja's ``|safe``.
"""
