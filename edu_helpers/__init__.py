"""edu_helpers：会议类政策文本的精读工具。Close reading of Chinese education-policy reports.

Pipeline, one module a stage: read → normalize → structure → words → topics → annotations → widgets.
"""

from .document import Document, document_from_text, load_document
from .errors import DataFileError, DocumentError

__all__ = ["DataFileError", "Document", "DocumentError", "document_from_text", "load_document"]
__version__ = "0.1.0"
