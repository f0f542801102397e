package dev.lithair.replication.raft;

import com.alipay.remoting.DefaultCustomSerializer;
import com.alipay.remoting.InvokeContext;
import com.alipay.remoting.exception.DeserializationException;
import com.alipay.remoting.exception.SerializationException;
import com.alipay.remoting.rpc.RequestCommand;
import com.alipay.remoting.rpc.ResponseCommand;
import com.alipay.remoting.rpc.protocol.RpcRequestCommand;
import com.alipay.remoting.rpc.protocol.RpcResponseCommand;

/**
 * How forwarded writes and their outcomes cross the Bolt transport: their bytes are the message's
 * content, and reading one back wraps the content's bytes, nothing else. Registered by class name, it
 * replaces the Hessian object stream Bolt would otherwise read, so a peer cannot make this member
 * instantiate a class of its choosing. Thread-safe (stateless).
 */
final class ForwardedBytesSerializer extends DefaultCustomSerializer {

    static final ForwardedBytesSerializer INSTANCE = new ForwardedBytesSerializer();

    private ForwardedBytesSerializer() {
    }

    @Override
    public <T extends RequestCommand> boolean serializeContent(T request, InvokeContext invokeContext)
            throws SerializationException {
        RpcRequestCommand command = (RpcRequestCommand) request;
        if (command.getRequestObject() instanceof ForwardedWrite write) {
            command.setContent(write.entry());
        } else if (command.getRequestObject() instanceof ForwardedGroupWrite write) {
            command.setContent(write.toBytes());
        } else if (command.getRequestObject() instanceof WakeGroup wake) {
            command.setContent(wake.toBytes());
        } else {
            throw new SerializationException("not a forwarded write: " + command.getRequestObject());
        }
        return true;
    }

    @Override
    public <T extends RequestCommand> boolean deserializeContent(T request) throws DeserializationException {
        RpcRequestCommand command = (RpcRequestCommand) request;
        byte[] content = command.getContent();
        if (ForwardedWrite.class.getName().equals(command.getRequestClass())) {
            command.setRequestObject(new ForwardedWrite(content == null ? new byte[0] : content));
        } else if (ForwardedGroupWrite.class.getName().equals(command.getRequestClass())) {
            command.setRequestObject(ForwardedGroupWrite.fromBytes(content));
        } else if (WakeGroup.class.getName().equals(command.getRequestClass())) {
            command.setRequestObject(WakeGroup.fromBytes(content));
        } else {
            throw new DeserializationException("not a forwarded write: " + command.getRequestClass());
        }
        return true;
    }

    @Override
    public <T extends ResponseCommand> boolean serializeContent(T response) throws SerializationException {
        RpcResponseCommand command = (RpcResponseCommand) response;
        if (!(command.getResponseObject() instanceof ForwardedOutcome outcome)) {
            throw new SerializationException("not a forwarded write's outcome: " + command.getResponseObject());
        }
        command.setContent(outcome.json());
        return true;
    }

    @Override
    public <T extends ResponseCommand> boolean deserializeContent(T response, InvokeContext invokeContext)
            throws DeserializationException {
        RpcResponseCommand command = (RpcResponseCommand) response;
        if (!ForwardedOutcome.class.getName().equals(command.getResponseClass())) {
            throw new DeserializationException("not a forwarded write's outcome: " + command.getResponseClass());
        }
        byte[] content = command.getContent();
        command.setResponseObject(new ForwardedOutcome(content == null ? new byte[0] : content));
        return true;
    }
}
