"""Every user-visible string of cuaderno, in English and Spanish.

A test fails when a key lacks a language. Strings are `str.format` templates.
"""

from __future__ import annotations

LANGUAGES = ("en", "es")

STRINGS: dict[str, dict[str, str]] = {
    "language.en": {"en": "English", "es": "inglés"},
    "language.es": {"en": "Spanish", "es": "español"},
    "note.written_in": {
        "en": "This note is written in {language}.",
        "es": "Esta nota está escrita en {language}.",
    },
    "note.badge_title": {"en": "Written in {language}", "es": "Escrita en {language}"},
    "note.also_in": {"en": "Also in {language}:", "es": "También en {language}:"},
    "note.in_note": {"en": "in {title}", "es": "en {title}"},
    "diagram.label": {"en": "Diagram", "es": "Diagrama"},
    "diagram.copy": {"en": "Copy the diagram as text", "es": "Copiar el diagrama como texto"},
    "diagram.copied": {"en": "Copied", "es": "Copiado"},
    "diagram.fullscreen": {"en": "Show full screen", "es": "Ver a pantalla completa"},
    "diagram.zoom_in": {"en": "Zoom in", "es": "Acercar"},
    "diagram.zoom_out": {"en": "Zoom out", "es": "Alejar"},
    "diagram.zoom_reset": {"en": "Actual size", "es": "Tamaño real"},
    "diagram.close": {"en": "Close (Esc)", "es": "Cerrar (Esc)"},
    "mermaid.missing": {
        "en": "This Mermaid diagram is shown as its source: the Mermaid script is not installed "
        "(run `npm install` in the site's folder, or set the plugin's `mermaid_js` option).",
        "es": "Este diagrama Mermaid se muestra como código: el script de Mermaid no está instalado "
        "(ejecuta `npm install` en la carpeta del sitio o indica la opción `mermaid_js` del plugin).",
    },
    "link.missing": {
        "en": "This link points to a note that is not in this folder of notes.",
        "es": "Este enlace apunta a una nota que no está en esta carpeta de notas.",
    },
    "link.missing_anchor": {
        "en": "No note has this anchor.",
        "es": "Ninguna nota tiene este ancla.",
    },
    "note.linked_from": {"en": "Linked from", "es": "Enlazada desde"},
    "note.related": {"en": "Related notes", "es": "Notas relacionadas"},
    "home.intro": {
        "en": "{notes} notes, {tags} tags. Browse the notes below, every tag in the {tags_link}, "
        "or combine tags in the {explorer_link}.",
        "es": "{notes} notas, {tags} etiquetas. Abajo están las notas; todas las etiquetas, en el {tags_link}; "
        "para combinarlas, el {explorer_link}.",
    },
    "home.notes": {"en": "Notes", "es": "Notas"},
    "folder_index.title": {"en": "All {notes} of {folder}", "es": "Las {notes} de {folder}"},
    "folder_index.title_root": {"en": "All {notes} at the top", "es": "Las {notes} de la raíz"},
    "folder_index.intro": {
        "en": "Every note of this folder, in the order of the navigation, which shows only the notes "
        "around the one you are reading.",
        "es": "Todas las notas de esta carpeta, en el orden de la navegación, que solo muestra las notas "
        "cercanas a la que lees.",
    },
    "tags.title": {"en": "Tags", "es": "Etiquetas"},
    "tags.intro": {
        "en": "{count} tags, arranged as a tree. The number beside each tag counts the blocks it covers.",
        "es": "{count} etiquetas, ordenadas en árbol. El número junto a cada etiqueta cuenta los bloques que cubre.",
    },
    "topic.from_note": {"en": "in {title}", "es": "en {title}"},
    "topic.more_lines": {
        "en": "… {count} more lines in the note.",
        "es": "… {count} líneas más en la nota.",
    },
    "topic.parent": {"en": "Part of:", "es": "Forma parte de:"},
    "topic.children": {"en": "Narrower tags:", "es": "Etiquetas más concretas:"},
    "topic.in_language": {"en": "In {language} ({count})", "es": "En {language} ({count})"},
    "topic.names": {"en": "Also found as:", "es": "También aparece como:"},
    "topic.related": {"en": "Related tags:", "es": "Etiquetas relacionadas:"},
    "topic.show": {"en": "Show:", "es": "Mostrar:"},
    "topic.all_languages": {"en": "every language", "es": "todos los idiomas"},
    "topic.empty": {"en": "No block carries this tag yet.", "es": "Ningún bloque lleva todavía esta etiqueta."},
    "redirect.title": {"en": "{alias}: see {label}", "es": "{alias}: ver {label}"},
    "redirect.text": {
        "en": "The tag {alias} is the same as {link}. Its page opens now; if it does not, follow the link.",
        "es": "La etiqueta {alias} es la misma que {link}. Su página se abre ahora; si no, sigue el enlace.",
    },
    "build.search_index": {
        "en": "search index: {records} records, written {seconds:.2f} s after the last page",
        "es": "índice de búsqueda: {records} registros, escrito {seconds:.2f} s después de la última página",
    },
    "search.hint": {
        "en": "Words, and tag:name to keep one tag (its id or its label, in either language); -tag:name leaves it out.",
        "es": "Palabras, y tag:nombre para quedarse con una etiqueta (su id o su nombre, en cualquier idioma); "
        "-tag:nombre la deja fuera.",
    },
    "search.searching": {"en": "Searching…", "es": "Buscando…"},
    "search.result_one": {"en": "1 result", "es": "1 resultado"},
    "search.result_other": {"en": "{count} results", "es": "{count} resultados"},
    "search.result_more": {"en": "{count}+ results: more below", "es": "{count}+ resultados: más abajo"},
    "search.none": {"en": "No results", "es": "Sin resultados"},
    "search.both": {"en": "Notes in every language", "es": "Notas en todos los idiomas"},
    "search.context": {"en": "Lines of context", "es": "Líneas de contexto"},
    "search.facets": {"en": "Narrow by tag", "es": "Acotar por etiqueta"},
    "search.unknown_tag": {"en": "No tag is called “{tag}”.", "es": "Ninguna etiqueta se llama «{tag}»."},
    "search.other_languages": {
        "en": "Nothing in notes written in {language}; these are in other languages.",
        "es": "Nada en las notas escritas en {language}; estas están en otros idiomas.",
    },
    "search.unavailable": {
        "en": "The search index is missing or could not be read ({error}).",
        "es": "Falta el índice de búsqueda o no se pudo leer ({error}).",
    },
    "search.topics": {"en": "Topics", "es": "Temas"},
    "explorer.title": {"en": "Tag explorer", "es": "Explorador de etiquetas"},
    "explorer.intro": {
        "en": "Choose tags from one or more dimensions, combine them with AND or OR and narrow by text. "
        "The address keeps your choice, so a view can be bookmarked and shared.",
        "es": "Elige etiquetas de una o varias dimensiones, combínalas con Y u O y acota por texto. "
        "La dirección guarda la elección, así que una vista se puede guardar y compartir.",
    },
    "explorer.fallback": {
        "en": "The explorer needs JavaScript. Every tag also has its own page in the {link}.",
        "es": "El explorador necesita JavaScript. Cada etiqueta tiene además su propia página en el {link}.",
    },
    "explorer.tag_index": {"en": "tag index", "es": "índice de etiquetas"},
    "explorer.loading": {"en": "Loading the knowledge base…", "es": "Cargando la base de conocimiento…"},
    "explorer.load_error": {
        "en": "Could not load the knowledge base ({error}).",
        "es": "No se pudo cargar la base de conocimiento ({error}).",
    },
    "explorer.tags": {"en": "Tags", "es": "Etiquetas"},
    "explorer.filter_tags": {"en": "Find a tag", "es": "Buscar etiqueta"},
    "explorer.filter_tags_placeholder": {"en": "label or id", "es": "nombre o id"},
    "explorer.no_tag_matches": {"en": "No tag matches.", "es": "Ninguna etiqueta coincide."},
    "explorer.mode": {"en": "Combine", "es": "Combinar"},
    "explorer.mode_and": {"en": "all (AND)", "es": "todas (Y)"},
    "explorer.mode_or": {"en": "any (OR)", "es": "alguna (O)"},
    "explorer.depth": {"en": "Parent depth", "es": "Contexto"},
    "explorer.depth_0": {"en": "0: the matching block", "es": "0: el bloque que coincide"},
    "explorer.depth_1": {"en": "1: its enclosing block", "es": "1: el bloque que lo contiene"},
    "explorer.depth_2": {"en": "2: two levels up", "es": "2: dos niveles más arriba"},
    "explorer.depth_3": {"en": "3: three levels up", "es": "3: tres niveles más arriba"},
    "explorer.text": {"en": "Text", "es": "Texto"},
    "explorer.text_placeholder": {"en": "words in the blocks", "es": "palabras de los bloques"},
    "explorer.language": {"en": "Language", "es": "Idioma"},
    "explorer.language_all": {"en": "all", "es": "todos"},
    "explorer.selected": {"en": "Selected:", "es": "Elegidas:"},
    "explorer.remove_tag": {"en": "Remove {tag}", "es": "Quitar {tag}"},
    "explorer.clear": {"en": "Clear", "es": "Borrar"},
    "explorer.start": {
        "en": "Choose one or more tags, or type some text.",
        "es": "Elige una o varias etiquetas, o escribe un texto.",
    },
    "explorer.blocks_one": {"en": "1 block", "es": "1 bloque"},
    "explorer.blocks_many": {"en": "{count} blocks", "es": "{count} bloques"},
    "explorer.notes_one": {"en": "1 note", "es": "1 nota"},
    "explorer.notes_many": {"en": "{count} notes", "es": "{count} notas"},
    "explorer.count": {"en": "{blocks} from {notes}", "es": "{blocks} de {notes}"},
    "explorer.no_results": {"en": "No block matches.", "es": "Ningún bloque coincide."},
    "explorer.from_note": {"en": "in {title}", "es": "en {title}"},
    "explorer.show_more": {"en": "Show all {count} lines", "es": "Mostrar las {count} líneas"},
    "explorer.show_less": {"en": "Show fewer lines", "es": "Mostrar menos líneas"},
    "explorer.more_results": {"en": "Show {count} more blocks", "es": "Mostrar {count} bloques más"},
    "explorer.related": {
        "en": "in {count} of the matching blocks",
        "es": "en {count} de los bloques encontrados",
    },
    "explorer.tag_count": {
        "en": "{count} results with this tag (a block inside another that has it is part of that result)",
        "es": "{count} resultados con esta etiqueta (un bloque dentro de otro que la tiene es parte de ese resultado)",
    },
    "explorer.remaining": {
        "en": "choosing it too leaves {count} blocks",
        "es": "elegirla también deja {count} bloques",
    },
    "build.summary": {
        "en": "{notes}, {blocks}, {tags}, {warnings} in {seconds:.2f} s",
        "es": "{notes}, {blocks}, {tags}, {warnings} en {seconds:.2f} s",
    },
    "note.shown_as_text": {
        "en": "cuaderno could not show this note as it is written (the build's warnings say why); here is its text.",
        "es": "cuaderno no ha podido mostrar esta nota tal como está escrita (los avisos de la construcción dicen "
        "por qué); este es su texto.",
    },
    "note.too_deep": {
        "en": "This note nests lists, quotes, HTML blocks or emphasis deeper than a page can render; it is shown as "
        "written (the build's warnings say where).",
        "es": "Esta nota anida listas, citas, bloques HTML o énfasis a más profundidad de la que una página puede "
        "mostrar; se muestra tal como está escrita (los avisos de la construcción dicen dónde).",
    },
    "count.notes.one": {"en": "{count} note", "es": "{count} nota"},
    "count.notes.other": {"en": "{count} notes", "es": "{count} notas"},
    "count.blocks.one": {"en": "{count} block", "es": "{count} bloque"},
    "count.blocks.other": {"en": "{count} blocks", "es": "{count} bloques"},
    "count.tags.one": {"en": "{count} tag", "es": "{count} etiqueta"},
    "count.tags.other": {"en": "{count} tags", "es": "{count} etiquetas"},
    "count.warnings.one": {"en": "{count} warning", "es": "{count} aviso"},
    "count.warnings.other": {"en": "{count} warnings", "es": "{count} avisos"},
    # The `cuaderno` command's own messages, in the language of the user's locale.
    "cli.no_folder": {"en": "{folder}: no such folder", "es": "{folder}: no existe esa carpeta"},
    "cli.unreadable": {"en": "{folder}: cannot be read ({reason})", "es": "{folder}: no se puede leer ({reason})"},
    "cli.no_notes": {
        "en": "{folder}: no notes found (cuaderno reads .txt, .md and other text files)",
        "es": "{folder}: no hay notas (cuaderno lee archivos .txt, .md y otros de texto)",
    },
    "cli.foreign_output": {
        "en": "{folder} holds files cuaderno did not make ({entries}); nothing was changed. "
        "Choose another folder with -o, or pass --clean to replace its whole content",
        "es": "{folder} tiene archivos que cuaderno no hizo ({entries}); no se ha cambiado nada. "
        "Elige otra carpeta con -o, o usa --clean para reemplazar todo su contenido",
    },
    "cli.output_holds_notes": {
        "en": "{folder} holds the notes themselves; choose another folder with -o",
        "es": "{folder} contiene las propias notas; elige otra carpeta con -o",
    },
    "cli.output_not_folder": {
        "en": "{folder} exists and is not a folder; choose another with -o",
        "es": "{folder} existe y no es una carpeta; elige otra con -o",
    },
    "cli.built": {"en": "site written to {folder}", "es": "sitio escrito en {folder}"},
    "cli.failed": {
        "en": "the build failed: {reason}. {folder} is unchanged",
        "es": "la construcción falló: {reason}. {folder} no ha cambiado",
    },
    "cli.interrupted": {
        "en": "the build was interrupted. {folder} is unchanged",
        "es": "se interrumpió la construcción. {folder} no ha cambiado",
    },
    "cli.strict_failed": {
        "en": "--strict: the build stopped on {warnings}:",
        "es": "--strict: la construcción se detuvo por {warnings}:",
    },
    "cli.more": {"en": "… and {count} more", "es": "… y {count} más"},
    "cli.port_busy": {
        "en": "{address} is already in use; serve on another address with -a, for example -a {suggestion}",
        "es": "{address} ya está en uso; sirve en otra dirección con -a, por ejemplo -a {suggestion}",
    },
    "cli.bad_address": {
        "en": "{address} is not an address to serve on (HOST:PORT, for example 127.0.0.1:8000)",
        "es": "{address} no es una dirección válida (HOST:PUERTO, por ejemplo 127.0.0.1:8000)",
    },
}


def template(key: str, lang: str) -> str:
    """The string `key` in `lang` (English when missing), its `{placeholders}` left in (for browser scripts)."""
    entry = STRINGS[key]
    return entry.get(lang) or entry["en"]


def t(key: str, lang: str, **values: object) -> str:
    """The string `key` in `lang` (English when missing), filled with `values`."""
    return template(key, lang).format(**values)


def count(noun: str, lang: str, number: int) -> str:
    """`1 warning`, `2 warnings`: a number with its noun (`notes`, `blocks`, `tags`, `warnings`), singular for 1."""
    return t(f"count.{noun}.{'one' if number == 1 else 'other'}", lang, count=number)


def language_name(code: str, lang: str) -> str:
    """The name of the language `code` in `lang` ("inglés"); the code itself for a language without one."""
    key = f"language.{code}"
    return t(key, lang) if key in STRINGS else code
