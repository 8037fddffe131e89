extension Log {
    /// Logs `message` at ``LogLevel/trace``; see ``log(level:_:_:error:file:function:line:)``.
    @inlinable
    public func trace(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> LogFields = LogFields(),
        error: (any Error)? = nil,
        file: String = #fileID,
        function: String = #function,
        line: UInt = #line
    ) {
        log(level: .trace, message(), fields(), error: error, file: file, function: function, line: line)
    }

    /// Logs `message` at ``LogLevel/debug``; see ``log(level:_:_:error:file:function:line:)``.
    @inlinable
    public func debug(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> LogFields = LogFields(),
        error: (any Error)? = nil,
        file: String = #fileID,
        function: String = #function,
        line: UInt = #line
    ) {
        log(level: .debug, message(), fields(), error: error, file: file, function: function, line: line)
    }

    /// Logs `message` at ``LogLevel/info``; see ``log(level:_:_:error:file:function:line:)``.
    @inlinable
    public func info(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> LogFields = LogFields(),
        error: (any Error)? = nil,
        file: String = #fileID,
        function: String = #function,
        line: UInt = #line
    ) {
        log(level: .info, message(), fields(), error: error, file: file, function: function, line: line)
    }

    /// Logs `message` at ``LogLevel/notice``; see ``log(level:_:_:error:file:function:line:)``.
    @inlinable
    public func notice(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> LogFields = LogFields(),
        error: (any Error)? = nil,
        file: String = #fileID,
        function: String = #function,
        line: UInt = #line
    ) {
        log(level: .notice, message(), fields(), error: error, file: file, function: function, line: line)
    }

    /// Logs `message` at ``LogLevel/warning``; see ``log(level:_:_:error:file:function:line:)``.
    @inlinable
    public func warning(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> LogFields = LogFields(),
        error: (any Error)? = nil,
        file: String = #fileID,
        function: String = #function,
        line: UInt = #line
    ) {
        log(level: .warning, message(), fields(), error: error, file: file, function: function, line: line)
    }

    /// Logs `message` at ``LogLevel/error``; see ``log(level:_:_:error:file:function:line:)``.
    @inlinable
    public func error(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> LogFields = LogFields(),
        error: (any Error)? = nil,
        file: String = #fileID,
        function: String = #function,
        line: UInt = #line
    ) {
        log(level: .error, message(), fields(), error: error, file: file, function: function, line: line)
    }

    /// Logs `message` at ``LogLevel/critical``; see ``log(level:_:_:error:file:function:line:)``.
    @inlinable
    public func critical(
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> LogFields = LogFields(),
        error: (any Error)? = nil,
        file: String = #fileID,
        function: String = #function,
        line: UInt = #line
    ) {
        log(level: .critical, message(), fields(), error: error, file: file, function: function, line: line)
    }
}
