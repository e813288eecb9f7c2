package dev.slimimage.modules;

import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * The classes one class file refers to, by the rules jdeps -s counts a dependency with (its class dependency finder):
 * the constant pool's classes, the classes of its field and method references and of its name-and-type descriptors;
 * the superclass and interfaces; every declared field's and method's descriptor, generic signature, runtime-visible
 * annotations and parameter annotations, and declared exceptions; the class's own signature and annotations. What
 * jdeps leaves out, this leaves out too: method-type and method-handle constants, invisible and type annotations.
 * Reads the class without loading it and without its code, so tens of thousands of classes take seconds.
 */
final class ClassReferences {

    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([^;<]+);");
    private static final int TAG_CLASS = 7;
    private static final int TAG_FIELD_REF = 9;
    private static final int TAG_METHOD_REF = 10;
    private static final int TAG_INTERFACE_METHOD_REF = 11;
    private static final int TAG_NAME_AND_TYPE = 12;
    private static final int SKIP = ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES;

    private ClassReferences() {
    }

    /** Adds the internal names of the classes {@code reader}'s class refers to. */
    static void collect(ClassReader reader, Set<String> into) {
        Consumer<String> add = into::add;
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0) {
                continue;
            }
            try {
                switch (reader.readByte(offset - 1)) {
                    case TAG_CLASS -> className(reader.readUTF8(offset, buffer), add);
                    case TAG_FIELD_REF, TAG_METHOD_REF, TAG_INTERFACE_METHOD_REF -> className(reader.readClass(offset, buffer), add);
                    case TAG_NAME_AND_TYPE -> descriptor(reader.readUTF8(offset + 2, buffer), add);
                    default -> { }
                }
            } catch (RuntimeException malformed) {
                // An odd constant pool entry tells us nothing about modules; skip it.
            }
        }
        try {
            reader.accept(new Declarations(add), SKIP);
        } catch (RuntimeException malformed) {
            // What the constant pool gave is kept.
        }
    }

    private static void className(String internalName, Consumer<String> add) {
        if (internalName == null) {
            return;
        }
        if (internalName.startsWith("[")) {
            descriptor(internalName, add);
        } else {
            add.accept(internalName);
        }
    }

    static void descriptor(String descriptor, Consumer<String> add) {
        if (descriptor == null) {
            return;
        }
        Matcher m = DESCRIPTOR_CLASS.matcher(descriptor);
        while (m.find()) {
            add.accept(m.group(1));
        }
    }

    private static void signature(String signature, boolean classSignature, Consumer<String> add) {
        if (signature == null) {
            return;
        }
        try {
            new SignatureReader(signature).accept(new SignatureClasses(add, classSignature));
        } catch (RuntimeException malformed) {
            // A signature javac would not write: the descriptor still counts.
        }
    }

    /**
     * Every class type a generic signature names, nested ones as {@code Outer$Inner}. Like jdeps, a class's own type
     * parameters' bounds are not counted (a method's are).
     */
    private static final class SignatureClasses extends SignatureVisitor {
        private final Consumer<String> add;
        private boolean ignoring;
        private final boolean classSignature;
        private String current;

        SignatureClasses(Consumer<String> add, boolean classSignature) {
            super(Opcodes.ASM9);
            this.add = add;
            this.classSignature = classSignature;
        }

        @Override
        public void visitFormalTypeParameter(String name) {
            ignoring = classSignature;
        }

        @Override
        public SignatureVisitor visitSuperclass() {
            ignoring = false;
            return this;
        }

        @Override
        public void visitClassType(String name) {
            current = name;
            if (!ignoring) {
                add.accept(name);
            }
        }

        @Override
        public void visitInnerClassType(String name) {
            current = current + "$" + name;
            if (!ignoring) {
                add.accept(current);
            }
        }
    }

    private static final class Declarations extends ClassVisitor {
        private final Consumer<String> add;

        Declarations(Consumer<String> add) {
            super(Opcodes.ASM9);
            this.add = add;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className(superName, add);
            if (interfaces != null) {
                for (String type : interfaces) {
                    className(type, add);
                }
            }
            signature(signature, true, add);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return annotation(descriptor, visible);
        }

        /** jdeps counts the type of a runtime-visible annotation, not its values. */
        private AnnotationVisitor annotation(String descriptor, boolean visible) {
            if (visible) {
                descriptor(descriptor, add);
            }
            return null;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            descriptor(descriptor, add);
            signature(signature, false, add);
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    return annotation(annotation, visible);
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            descriptor(descriptor, add);
            signature(signature, false, add);
            if (exceptions != null) {
                for (String type : exceptions) {
                    className(type, add);
                }
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    return annotation(annotation, visible);
                }

                @Override
                public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
                    return annotation(annotation, visible);
                }
            };
        }
    }
}
