"""The built-in filter families; importing this package registers them.

One module per family: :mod:`.encoding`, :mod:`.boilerplate`,
:mod:`.translation`, :mod:`.language`.  Phrase and pattern lists are data
files in ``data/`` next to the code.
"""

from . import encoding  # noqa: F401
from . import boilerplate  # noqa: F401
from . import language  # noqa: F401
from . import translation  # noqa: F401
from . import templates  # noqa: F401
