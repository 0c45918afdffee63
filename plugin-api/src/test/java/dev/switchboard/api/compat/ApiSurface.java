package dev.switchboard.api.compat;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.SinceTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The public surface of the plugin API as read from its sources with javac (no class is written): every public
 * type, and every public or protected constructor, method, field and enum constant of it, each with its signature
 * and the version in its {@code @since} tag. Overrides of a supertype's method are not listed: removing one leaves
 * the method callable.
 *
 * <p>Members the compiler declares (a record's accessors and canonical constructor, an enum's {@code values} and
 * {@code valueOf}, a default constructor) have no comment of their own: they are since their type, and a record
 * component added later says so in its {@code @param} text ({@code Since API 1.3.0.}).
 *
 * <p>The text form, one member a line, is what {@code plugin-api/api/<version>.txt} holds:
 * {@code key | signature | since}, where the key (owner, name and erased parameter types) tells a changed member
 * from a removed one.
 */
final class ApiSurface {
    /** One type or member of the API. */
    record Member(String key, String signature, String since, boolean implementedByPlugins, boolean isAbstract) {
        String line() {
            return key + " | " + signature + " | " + (since == null ? "" : since);
        }

        static Member parse(String line) {
            String[] p = line.split(" \\| ", -1);
            if (p.length != 3) {
                throw new IllegalArgumentException("not 'key | signature | since': " + line);
            }
            return new Member(p[0], p[1], p[2].isEmpty() ? null : p[2], false, p[1].contains(" abstract "));
        }
    }

    static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern SINCE_IN_TEXT = Pattern.compile("(?i)\\bsince (?:API )?(\\d+\\.\\d+\\.\\d+)");

    private final Map<String, Member> members = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private Elements elements;
    private Types types;
    private DocTrees docs;

    private ApiSurface() {
    }

    /** Reads the API from a source folder, compiling it against this JVM's class path (for pf4j). */
    static ApiSurface read(Path sourceRoot) {
        ApiSurface s = new ApiSurface();
        s.compile(sourceRoot);
        return s;
    }

    /** The members, keyed, in source order. */
    Map<String, Member> members() {
        return members;
    }

    /** Members whose {@code @since} is missing or not a version: each names the member and what to write. */
    List<String> problems() {
        return problems;
    }

    /** The text form: one sorted line per member. */
    String text() {
        return members.values().stream().map(Member::line).sorted().collect(Collectors.joining("\n", "", "\n"));
    }

    /** Reads a signature file written by {@link #text()}. */
    static Map<String, Member> parse(Path file) {
        Map<String, Member> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    Member m = Member.parse(line);
                    out.put(m.key(), m);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read API signature file " + file, e);
        }
        return out;
    }

    private void compile(Path sourceRoot) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the API sources under " + sourceRoot, e);
        }
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics,
                    List.of("-proc:none", "-classpath", classPathWithoutTheApi()), null,
                    files.getJavaFileObjectsFromPaths(sources));
            Iterable<? extends CompilationUnitTree> units = task.parse();
            task.analyze();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .toList();
            if (!errors.isEmpty()) {
                throw new IllegalStateException("the API under " + sourceRoot + " does not compile:\n"
                        + String.join("\n", errors));
            }
            elements = task.getElements();
            types = task.getTypes();
            docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : units) {
                for (Tree t : unit.getTypeDecls()) {
                    if (t instanceof ClassTree) {
                        Element e = docs.getElement(TreePath.getPath(unit, t));
                        if (e instanceof TypeElement type && type.getModifiers().contains(Modifier.PUBLIC)) {
                            addType(type);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's class path less plugin-api's own classes, so the sources read are the only API there is. */
    private static String classPathWithoutTheApi() {
        String own;
        try {
            own = Path.of(ApiSurface.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String api = Path.of(own).resolveSibling("classes").toString();
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !Path.of(p).toAbsolutePath().toString().equals(api))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void addType(TypeElement type) {
        String owner = elements.getBinaryName(type).toString();
        boolean byPlugins = implementedByPlugins(type);
        String since = since(type);
        put(new Member(owner, typeSignature(type), since, byPlugins, false), type);
        for (Element e : type.getEnclosedElements()) {
            Set<Modifier> mods = e.getModifiers();
            boolean visible = mods.contains(Modifier.PUBLIC) || mods.contains(Modifier.PROTECTED)
                    || (type.getKind().isInterface() && !mods.contains(Modifier.PRIVATE));
            if (!visible) {
                continue;
            }
            switch (e.getKind()) {
                case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE -> addType((TypeElement) e);
                case METHOD -> {
                    ExecutableElement m = (ExecutableElement) e;
                    if (!overridesSomething(m, type)) {
                        put(new Member(owner + "#" + m.getSimpleName() + erased(m), methodSignature(type, m),
                                memberSince(type, m, since), byPlugins, m.getModifiers().contains(Modifier.ABSTRACT)), m);
                    }
                }
                case CONSTRUCTOR -> {
                    ExecutableElement c = (ExecutableElement) e;
                    put(new Member(owner + "#<init>" + erased(c), constructorSignature(type, c),
                            memberSince(type, c, since), byPlugins, false), c);
                }
                case FIELD -> {
                    VariableElement f = (VariableElement) e;
                    put(new Member(owner + "#" + f.getSimpleName(), fieldSignature(f), memberSince(type, f, since),
                            byPlugins, false), f);
                }
                case ENUM_CONSTANT -> put(new Member(owner + "#" + e.getSimpleName(),
                        "enum constant " + e.getSimpleName(), memberSince(type, e, since), byPlugins, false), e);
                default -> { }
            }
        }
    }

    private void put(Member m, Element e) {
        if (m.since() == null) {
            problems.add(where(e) + m.key() + ": no @since (write '@since X.Y.Z' in its doc comment)");
        } else if (!VERSION.matcher(m.since()).matches()) {
            problems.add(where(e) + m.key() + ": @since '" + m.since() + "' is not a version X.Y.Z");
        }
        members.put(m.key(), m);
    }

    /** {@code File.java:12: } for an element declared in the sources read. */
    private String where(Element e) {
        TreePath path = docs.getPath(e);
        if (path == null) {
            return "";
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        long line = unit.getLineMap().getLineNumber(docs.getSourcePositions().getStartPosition(unit, path.getLeaf()));
        return Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line + ": ";
    }

    /**
     * Plugins implement it (an extension point, an abstract class, a callback), so an abstract method added to it
     * breaks the plugins compiled before.
     */
    private boolean implementedByPlugins(TypeElement type) {
        TypeElement extensionPoint = elements.getTypeElement("org.pf4j.ExtensionPoint");
        boolean isAbstractClass = type.getKind() == ElementKind.CLASS && type.getModifiers().contains(Modifier.ABSTRACT);
        boolean callback = type.getAnnotation(FunctionalInterface.class) != null;
        return isAbstractClass || callback
                || (extensionPoint != null && types.isSubtype(types.erasure(type.asType()),
                types.erasure(extensionPoint.asType())));
    }

    private boolean overridesSomething(ExecutableElement m, TypeElement type) {
        if (m.getModifiers().contains(Modifier.STATIC)) {
            return false;
        }
        List<TypeMirror> todo = new ArrayList<>(types.directSupertypes(type.asType()));
        while (!todo.isEmpty()) {
            TypeMirror t = todo.remove(todo.size() - 1);
            if (t.getKind() != TypeKind.DECLARED) {
                continue;
            }
            TypeElement sup = (TypeElement) types.asElement(t);
            for (Element e : sup.getEnclosedElements()) {
                if (e.getKind() == ElementKind.METHOD && elements.overrides(m, (ExecutableElement) e, type)) {
                    return true;
                }
            }
            todo.addAll(types.directSupertypes(t));
        }
        return false;
    }

    private String since(Element e) {
        DocCommentTree doc = docs.getDocCommentTree(e);
        if (doc == null) {
            return null;
        }
        for (DocTree tag : doc.getBlockTags()) {
            if (tag instanceof SinceTree s) {
                return s.getBody().stream().map(Object::toString).collect(Collectors.joining()).trim();
            }
        }
        return null;
    }

    /** A member's own {@code @since}; for one the compiler declared, its type's (or its record component's). */
    private String memberSince(TypeElement type, Element member, String typeSince) {
        if (declaredInSource(member)) {
            return since(member);
        }
        if (type.getKind() == ElementKind.RECORD) {
            if (member.getKind() == ElementKind.METHOD) {
                return componentSince(type, member.getSimpleName().toString(), typeSince);
            }
            if (member.getKind() == ElementKind.CONSTRUCTOR) {
                return type.getRecordComponents().stream()
                        .map(c -> componentSince(type, c.getSimpleName().toString(), typeSince))
                        .filter(java.util.Objects::nonNull).max(ApiSurface::compareVersions).orElse(typeSince);
            }
        }
        return typeSince;
    }

    /** Written in the source, not declared by the compiler (javac gives implicit record members no path of their own). */
    private boolean declaredInSource(Element e) {
        TreePath path = docs.getPath(e);
        return elements.getOrigin(e) == Elements.Origin.EXPLICIT && path != null && e.equals(docs.getElement(path));
    }

    private String componentSince(TypeElement record, String component, String typeSince) {
        DocCommentTree doc = docs.getDocCommentTree(record);
        if (doc != null) {
            for (DocTree tag : doc.getBlockTags()) {
                if (tag instanceof ParamTree p && !p.isTypeParameter()
                        && p.getName().getName().contentEquals(component)) {
                    Matcher m = SINCE_IN_TEXT.matcher(p.getDescription().toString());
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
        }
        return typeSince;
    }

    static int compareVersions(String a, String b) {
        if (a == null || b == null || !VERSION.matcher(a).matches() || !VERSION.matcher(b).matches()) {
            return a == null ? (b == null ? 0 : -1) : (b == null ? 1 : a.compareTo(b));
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private String typeSignature(TypeElement t) {
        StringBuilder b = new StringBuilder(modifiers(t.getModifiers(), t.getKind() == ElementKind.INTERFACE
                || t.getKind() == ElementKind.ENUM || t.getKind() == ElementKind.RECORD));
        b.append(switch (t.getKind()) {
            case INTERFACE -> "interface";
            case ENUM -> "enum";
            case RECORD -> "record";
            case ANNOTATION_TYPE -> "@interface";
            default -> "class";
        }).append(' ').append(t.getQualifiedName()).append(typeParameters(t.getTypeParameters()));
        if (t.getKind() == ElementKind.RECORD) {
            b.append(t.getRecordComponents().stream().map(RecordComponentElement::asType).map(TypeMirror::toString)
                    .collect(Collectors.joining(", ", "(", ")")));
        }
        TypeMirror sup = t.getSuperclass();
        if (t.getKind() == ElementKind.CLASS && sup.getKind() == TypeKind.DECLARED
                && !sup.toString().equals("java.lang.Object")) {
            b.append(" extends ").append(sup);
        }
        if (!t.getInterfaces().isEmpty()) {
            b.append(t.getKind() == ElementKind.INTERFACE ? " extends " : " implements ")
                    .append(t.getInterfaces().stream().map(TypeMirror::toString).sorted()
                            .collect(Collectors.joining(", ")));
        }
        return b.toString();
    }

    private String methodSignature(TypeElement owner, ExecutableElement m) {
        Set<Modifier> mods = new TreeSet<>(m.getModifiers());
        if (owner.getKind().isInterface()) {
            mods.add(Modifier.PUBLIC);
            if (!mods.contains(Modifier.DEFAULT) && !mods.contains(Modifier.STATIC)) {
                mods.add(Modifier.ABSTRACT);
            }
        }
        return modifiers(mods, false) + typeParameters(m.getTypeParameters()).stripLeading()
                + (m.getTypeParameters().isEmpty() ? "" : " ") + m.getReturnType() + " " + m.getSimpleName()
                + parameters(m) + thrown(m);
    }

    private String constructorSignature(TypeElement owner, ExecutableElement c) {
        return modifiers(c.getModifiers(), false) + owner.getSimpleName() + parameters(c) + thrown(c);
    }

    private String fieldSignature(VariableElement f) {
        Object constant = f.getConstantValue();
        return modifiers(f.getModifiers(), false) + f.asType() + " " + f.getSimpleName()
                + (constant == null ? "" : " = " + elements.getConstantExpression(constant));
    }

    private static String modifiers(Set<Modifier> mods, boolean implicitlyFinalOrAbstract) {
        StringBuilder b = new StringBuilder();
        for (Modifier m : new TreeSet<>(mods)) {
            boolean shown = switch (m) {
                case PUBLIC, PROTECTED, STATIC, DEFAULT, SEALED, NON_SEALED -> true;
                case ABSTRACT, FINAL -> !implicitlyFinalOrAbstract;
                default -> false;
            };
            if (shown) {
                b.append(m).append(' ');
            }
        }
        return b.toString();
    }

    private static String typeParameters(List<? extends TypeParameterElement> params) {
        if (params.isEmpty()) {
            return "";
        }
        return params.stream().map(p -> {
            List<String> bounds = p.getBounds().stream().map(TypeMirror::toString)
                    .filter(s -> !s.equals("java.lang.Object")).toList();
            return p.getSimpleName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds));
        }).collect(Collectors.joining(", ", "<", ">"));
    }

    private static String parameters(ExecutableElement m) {
        List<String> out = new ArrayList<>();
        List<? extends VariableElement> ps = m.getParameters();
        for (int i = 0; i < ps.size(); i++) {
            String t = ps.get(i).asType().toString();
            if (m.isVarArgs() && i == ps.size() - 1 && t.endsWith("[]")) {
                t = t.substring(0, t.length() - 2) + "...";
            }
            out.add(t);
        }
        return "(" + String.join(", ", out) + ")";
    }

    private static String thrown(ExecutableElement m) {
        return m.getThrownTypes().isEmpty() ? "" : " throws " + m.getThrownTypes().stream()
                .map(TypeMirror::toString).sorted().collect(Collectors.joining(", "));
    }

    private String erased(ExecutableElement m) {
        return m.getParameters().stream().map(p -> types.erasure(p.asType()).toString())
                .collect(Collectors.joining(",", "(", ")"));
    }
}
