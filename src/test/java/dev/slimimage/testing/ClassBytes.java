package dev.slimimage.testing;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

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

    /**
     * A public class whose {@code static void run()} calls the static method {@code owner.method(descriptor)}
     * (owner as internal name, e.g. {@code java/sql/DriverManager}) with default arguments, as compiled code would.
     */
    public static byte[] callingStatic(String className, int javaRelease, String owner, String method, String descriptor) {
        return withRun(className, javaRelease, mv -> {
            for (Type argument : Type.getArgumentTypes(descriptor)) {
                mv.visitInsn(switch (argument.getSort()) {
                    case Type.LONG -> Opcodes.LCONST_0;
                    case Type.FLOAT -> Opcodes.FCONST_0;
                    case Type.DOUBLE -> Opcodes.DCONST_0;
                    case Type.OBJECT, Type.ARRAY -> Opcodes.ACONST_NULL;
                    default -> Opcodes.ICONST_0;
                });
            }
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, method, descriptor, false);
            int returnSize = Type.getReturnType(descriptor).getSize();
            if (returnSize > 0) {
                mv.visitInsn(returnSize == 2 ? Opcodes.POP2 : Opcodes.POP);
            }
        });
    }

    /**
     * A public class whose {@code static void run()} does {@code Class.forName(className)}: the name is only a
     * string constant, so the class file has no reference to it.
     */
    public static byte[] loadingByName(String className, int javaRelease, String loadedClass) {
        return withRun(className, javaRelease, mv -> {
            mv.visitLdcInsn(loadedClass);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName", "(Ljava/lang/String;)Ljava/lang/Class;", false);
            mv.visitInsn(Opcodes.POP);
        });
    }

    /** A {@code module-info.class} for {@code module} requiring the given modules and exporting {@code exportedPackage}. */
    public static byte[] moduleInfo(String module, int javaRelease, String exportedPackage, String... requires) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(major(javaRelease), Opcodes.ACC_MODULE, "module-info", null, null, null);
        org.objectweb.asm.ModuleVisitor mv = cw.visitModule(module, 0, null);
        mv.visitRequire("java.base", Opcodes.ACC_MANDATED, null);
        for (String required : requires) {
            mv.visitRequire(required, 0, null);
        }
        mv.visitExport(exportedPackage.replace('.', '/'), 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static byte[] withRun(String className, int javaRelease, java.util.function.Consumer<MethodVisitor> body) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(major(javaRelease), Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, className.replace('.', '/'), null,
                "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, new String[] {"java/lang/Exception"});
        mv.visitCode();
        body.accept(mv);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** The entry name of a class in a jar, e.g. {@code com/example/Main.class}. */
    public static String entryName(String className) {
        return className.replace('.', '/') + ".class";
    }
}
