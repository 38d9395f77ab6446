import click


@click.command("cpv-import")
@click.argument("path")
def cpv_import(path):
    """Import a CPV list."""
