"""Between rebuilds the live preview collects garbage and freezes what survives (scripts/preview.py
`collect_garbage_while_idle`), so a full collection never lands in the middle of a rebuild; what a
later rebuild lets go of must still be collected, frozen or not."""

from __future__ import annotations

import gc
import weakref

from scripts.preview import collect_garbage_while_idle


class Node:
    me: Node


def cycle() -> tuple[Node, weakref.ref]:
    node = Node()
    node.me = node  # only the cyclic collector can free it
    return node, weakref.ref(node)


def test_garbage_is_collected_and_what_survives_is_frozen():
    survivor, _ = cycle()
    garbage, gone = cycle()
    del garbage
    was_enabled = gc.isenabled()
    gc.disable()  # only the idle step may collect
    try:
        collect_garbage_while_idle()
        assert gone() is None
        assert gc.get_freeze_count() > 0
        assert not any(o is survivor for o in gc.get_objects())  # frozen: in no generation the collector scans
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def test_what_was_frozen_and_is_let_go_of_later_is_collected_by_the_next_idle_step():
    node, gone = cycle()
    try:
        collect_garbage_while_idle()  # node survives: frozen
        del node
        gc.collect()
        assert gone() is not None  # a frozen cycle is out of the collector's reach...
        collect_garbage_while_idle()
        assert gone() is None  # ...until the next idle step unfreezes it first
    finally:
        gc.unfreeze()
