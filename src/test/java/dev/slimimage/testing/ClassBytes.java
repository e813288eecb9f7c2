package dev.slimimage.testing;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Generates small, verifiable class files with ASM, so tests control the class-file version and method shapes. */
public final class ClassBytes {

    public static final String MAIN_DESCRIPTOR = "([Ljava/lang/String;)V";

    private ClassBytes() {}

    /** The class-file major version of a Java release (8 → 52, 17 → 61). */
    public static int major(int javaRelease) {
        return javaRelease + 44;
    }

    /** A public class with no methods besides the constructor. */
    public static byte[] plain(String className, int javaRelease) {
        return withMethod(className, javaRelease, 0, null, null);
    }

    /** A public class declaring {@code public static void main(String[])}. */
    public static byte[] withMain(String className, int javaRelease) {
        return withMethod(className, javaRelease, Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", MAIN_DESCRIPTOR);
    }

    /** A public class declaring one extra method with the given access flags, name and descriptor (name null: none). */
    public static byte[] withMethod(String className, int javaRelease, int access, String name, String descriptor) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        String internalName = className.replace('.', '/');
        cw.visit(major(javaRelease), Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        if (name != null) {
            MethodVisitor mv = cw.visitMethod(access, name, descriptor, null, null);
            mv.visitCode();
            if (descriptor.endsWith(")V")) {
                mv.visitInsn(Opcodes.RETURN);
            } else {
                mv.visitInsn(Opcodes.ACONST_NULL);
                mv.visitInsn(Opcodes.ATHROW);
            }
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** The entry name of a class in a jar, e.g. {@code com/example/Main.class}. */
    public static String entryName(String className) {
        return className.replace('.', '/') + ".class";
    }
}
