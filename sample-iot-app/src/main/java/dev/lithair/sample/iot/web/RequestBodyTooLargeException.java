package dev.lithair.sample.iot.web;

import java.io.IOException;

/** Reading a request body went past the limit; raised while the body streams in. */
class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes.");
    }
}
