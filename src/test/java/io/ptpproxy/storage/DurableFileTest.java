package io.ptpproxy.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file changes every store makes, on a real directory (their order of system calls: DurableWriteOrderTest). */
class DurableFileTest {

    @TempDir
    Path dir;

    @Test
    void should_replace_the_content_and_leave_no_temporary_file() throws IOException {
        Path file = dir.resolve("client.json");
        DurableFile.write(file, bytes("old"));
        DurableFile.write(file, bytes("new"));
        assertArrayEquals(bytes("new"), Files.readAllBytes(file));
        assertEquals(List.of(file), entries());
    }

    @Test
    void should_leave_the_old_content_and_no_temporary_file_when_the_rename_fails() throws IOException {
        Path occupied = Files.createDirectories(dir.resolve("client.json"));
        Files.writeString(occupied.resolve("kept"), "kept");
        assertThrows(IOException.class, () -> DurableFile.write(occupied, bytes("new")));
        assertEquals("kept", Files.readString(occupied.resolve("kept")));
        assertEquals(List.of(occupied), entries());
    }

    @Test
    void should_delete_every_file_in_order_and_count_a_missing_one_as_deleted() throws IOException {
        Path first = Files.writeString(dir.resolve("a.json"), "a");
        Path missing = dir.resolve("b.json");
        Path last = Files.writeString(dir.resolve("c.json"), "c");
        List<Path> told = new ArrayList<>();
        DurableFile.deleteAll(dir, List.of(first, missing, last), told::add);
        assertEquals(List.of(first, missing, last), told);
        assertEquals(List.of(), entries());
    }

    @Test
    void should_set_an_unreadable_file_aside_under_a_name_not_yet_taken() throws IOException {
        Path file = Files.writeString(dir.resolve("sub.json"), "{broken");
        Files.writeString(dir.resolve("sub.json" + DurableFile.CORRUPT_SUFFIX), "earlier");
        Path aside = DurableFile.setAside(file);
        assertEquals(dir.resolve("sub.json.corrupt.1"), aside);
        assertEquals("{broken", Files.readString(aside));
        assertEquals("earlier", Files.readString(dir.resolve("sub.json.corrupt")));
        assertFalse(Files.exists(file));
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
