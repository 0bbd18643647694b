@echo off
rem exchange-sync launcher for Windows (cmd and PowerShell). Put this bin folder on the PATH; it works from any
rem directory. JDK: JAVA_HOME, else java on the PATH. JVM options of your own: EXCHANGE_SYNC_JAVA_OPTS.
rem On JDK 19 and later, start-up uses a class-data-sharing archive made on the first run and remade when stale,
rem in %LOCALAPPDATA%\exchange-sync; older JDKs ignore those options. A stale archive never breaks a run.
setlocal
set "ES_LIB=%~dp0..\lib"
if not exist "%ES_LIB%\exchange-sync.jar" (
  echo exchange-sync: %ES_LIB%\exchange-sync.jar is missing 1>&2
  exit /b 2
)
set "ES_JAVA=java"
if defined JAVA_HOME set "ES_JAVA=%JAVA_HOME%\bin\java.exe"
set "ES_CACHE=%LOCALAPPDATA%\exchange-sync"
if not exist "%ES_CACHE%" mkdir "%ES_CACHE%" >nul 2>&1
"%ES_JAVA%" -XX:+IgnoreUnrecognizedVMOptions -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=%ES_CACHE%\cds.jsa" ^
  -Xlog:cds=off -Xlog:cds+dynamic=off -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms8m -XX:-UsePerfData ^
  %EXCHANGE_SYNC_JAVA_OPTS% -jar "%ES_LIB%\exchange-sync.jar" %*
exit /b %ERRORLEVEL%
