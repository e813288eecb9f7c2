package dev.slimimage.analysis;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Facts read from one class file without loading it. */
final class ClassFiles {

    private static final int MAIN_ACCESS = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;

    private ClassFiles() {}

    /** The Java release a class file targets (major version minus 44), or 0 if the bytes are not a class file. */
    static int release(byte[] classBytes) {
        if (classBytes.length < 8 || readInt(classBytes, 0) != 0xCAFEBABE) {
            return 0;
        }
        int major = ((classBytes[6] & 0xff) << 8) | (classBytes[7] & 0xff);
        return major - 44;
    }

    /** The binary class name if the class declares {@code public static void main(String[])}, else null. */
    static String mainClassName(byte[] classBytes) {
        MainMethodFinder finder = new MainMethodFinder();
        try {
            new ClassReader(classBytes).accept(finder, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException unreadable) {
            // A class newer than ASM understands, or a corrupt one: it cannot be a main class we could verify.
            return null;
        }
        return finder.hasMain ? finder.className.replace('/', '.') : null;
    }

    private static int readInt(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
    }

    private static final class MainMethodFinder extends ClassVisitor {
        private String className;
        private boolean hasMain;

        MainMethodFinder() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if ("main".equals(name) && "([Ljava/lang/String;)V".equals(descriptor) && (access & MAIN_ACCESS) == MAIN_ACCESS) {
                hasMain = true;
            }
            return null;
        }
    }
}
