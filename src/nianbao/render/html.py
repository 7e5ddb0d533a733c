def render_html(audit: dict) -> str:
    raise NotImplementedError
