package dev.dvg.cli;

import picocli.CommandLine;

/** {@code dvg --version}: the suite's version and the JVM it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Dvg.class.getPackage().getImplementationVersion();
        return new String[] {
            "dvg " + (v == null ? "(development build)" : v),
            "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + " (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"};
    }
}
