package dev.portcullis.exchange;

import dev.portcullis.storage.Tx;
import java.util.List;

/** The token_exchange_targets table: the resources an app may exchange tokens for (RFC 8693 §2.1 resource/audience). */
public interface ExchangeTargetRepository {

    /** By URI. */
    List<String> list(Tx tx, String appId);

    boolean allows(Tx tx, String appId, String resource);

    /** Makes {@code resources} the app's whole list. */
    void replace(Tx tx, String appId, List<String> resources);
}
