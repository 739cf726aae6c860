"""The taxonomy is loaded once per process, however the processes take turns, and loaded
afresh by every process after an import (taxonomy/cache.py)."""

import queue
import threading

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taxonomy import cache as taxonomy_cache

# Another process is played by a thread with its own memory (what the memo cache holds),
# and the same shared cache and database.
pytestmark = pytest.mark.django_db(transaction=True)


class AnotherProcess:
    """A thread that runs what it is given, one thing at a time, in its own memory."""

    def __init__(self):
        self.work, self.done = queue.Queue(), queue.Queue()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        caches["memo"]._held = {}  # this thread's backend: a memory of its own
        try:
            while (work := self.work.get()) is not None:
                try:
                    self.done.put((work(), None))
                except Exception as error:  # raised again by run()
                    self.done.put((None, error))
        finally:
            connection.close()

    def run(self, work):
        self.work.put(work)
        value, error = self.done.get(timeout=30)
        if error:
            raise error
        return value

    def loads(self):
        """The queries this process makes to read the taxonomy (0: it held it already)."""

        def count():
            with CaptureQueriesContext(connection) as captured:
                taxonomy_cache.get()
            return len(captured)

        return self.run(count)

    def stop(self):
        self.work.put(None)
        self.thread.join()


LOAD = 4  # queries: counties, municipalities, occupation groups, occupations


@pytest.fixture
def other():
    process = AnotherProcess()
    yield process
    process.stop()


def test_processes_taking_turns_each_load_it_once(taxonomy, other, django_assert_num_queries):
    held = taxonomy_cache.get()
    assert other.loads() == LOAD  # its own memory: it loads once ...

    with django_assert_num_queries(0):  # ... and this process still holds its own
        assert taxonomy_cache.get() is held
    assert other.loads() == 0


def test_an_import_in_one_process_reaches_the_others(taxonomy, other, django_assert_num_queries):
    held = taxonomy_cache.get()
    other.loads()

    other.run(taxonomy_cache.clear)  # as import_taxonomy does after it commits

    with django_assert_num_queries(LOAD):
        assert taxonomy_cache.get() is not held
    assert other.loads() == LOAD
    assert other.loads() == 0


def test_the_threads_of_a_process_share_it(taxonomy):
    held, found = taxonomy_cache.get(), []

    def read_it():
        with CaptureQueriesContext(connection) as captured:
            found.append(taxonomy_cache.get())
        found.append(len(captured))
        connection.close()

    thread = threading.Thread(target=read_it)  # as runserver's thread for each request
    thread.start()
    thread.join()

    assert found == [held, 0]


def test_nothing_is_held_before_the_first_import(db, django_assert_num_queries):
    assert taxonomy_cache.get().counties == ()
    with django_assert_num_queries(LOAD):  # asked again: perhaps imported meanwhile
        taxonomy_cache.get()
